import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { boundedInteger } from '../../shared/fields';

/** "Return All" and "Limit", as n8n's list operations show them. */
export function pageProperties(maxPageSize: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			default: 50,
			description: 'Max number of results to return',
			hint: `Fetched from Sobot ${maxPageSize} at a time`,
		},
	];
}

export const pageInput = {
	returnAll: z.boolean().default(false),
	limit: boundedInteger(1, 100_000, 50),
};

export const limitOf = (input: { returnAll: boolean; limit: number }) => (input.returnAll ? undefined : input.limit);
