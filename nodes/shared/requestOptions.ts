import type { INodeProperties } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { whenNeeded } from './whenNeeded';

/**
 * How many items are sent at once, unless the node says otherwise, and the most it may say. The
 * most is high enough to match the HTTP Request node, which sends every item at once (bench/RESULTS.md).
 */
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 1000;
/** How long one request may take, unless the node says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;
const MIN_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 600_000;

export const REQUEST_OPTIONS = 'requestOptions';

/** Options every operation has: how many items run at once and how long a request may take. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: REQUEST_OPTIONS,
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: DEFAULT_CONCURRENCY,
			description: 'The most items sent to the service at the same time. Above 20, places freed by answers are refilled a quarter at a time, which costs less CPU per item.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: MIN_TIMEOUT_MS },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How long to wait for the service to answer one request, in milliseconds',
		},
	],
};

/** Built when a node first runs: this module loads with every node and trigger (shared/whenNeeded.ts). */
export const requestOptionsSchema: () => z.ZodType<{ concurrency: number; timeout: number }> = whenNeeded(() => {
	const { z } = require('zod/v4') as typeof import('zod/v4');
	const { boundedInteger } = require('./fields') as typeof import('./fields');
	return z.object({
		concurrency: boundedInteger(1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY),
		timeout: boundedInteger(MIN_TIMEOUT_MS, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
	});
});
