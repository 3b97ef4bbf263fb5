import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { action } from '../../schemas';

const properties: INodeProperties[] = [
	{
		displayName: 'Include Archived',
		name: 'includeArchived',
		type: 'boolean',
		default: false,
		description: 'Whether to include archived actions',
	},
];

export const list = defineOperation({
	resource: 'action',
	value: 'list',
	name: 'List',
	description: 'List the organization’s actions',
	action: 'List actions',
	properties,
	input: z.object({ includeArchived: z.boolean().default(false) }),
	output: action,
	sideEffects: false,
	returnsList: true,
	run: async (client: HoverClient, input) => {
		const actions = await client.listActions();
		return input.includeArchived ? actions : actions.filter((a) => !a.archivedAt);
	},
});
