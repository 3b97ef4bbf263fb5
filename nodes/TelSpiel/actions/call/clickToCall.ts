import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../../../shared/errors';
import { numericPhoneNumber, optionalString } from '../../../shared/fields';
import { inTurn } from '../../../shared/inTurn';
import { defineOperation } from '../../../shared/operation';
import type { TelSpielClient } from '../../client';
import { clickToCallResult } from '../../schemas';

const properties: INodeProperties[] = [
	{
		displayName: 'Agent Phone',
		name: 'agentPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 9999999999',
		description: 'Phone number of the agent, digits only (a leading +, spaces and dashes are removed). telSpiel rings the agent first.',
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8888888888',
		description: 'Phone number of the customer, digits only (a leading +, spaces and dashes are removed), connected once the agent answers',
	},
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Callback requests',
		description: 'Campaign the call belongs to, as set up in telSpiel (optional)',
	},
	{
		displayName: 'Ring Once Per',
		name: 'ringOncePer',
		type: 'string',
		default: '',
		placeholder: "e.g. {{ $('When a Customer Writes').first().json.sessionId }}",
		description:
			'A key such as a chat’s session ID: each customer is rung once per key, in every execution and on every worker. A repeat rings no one and outputs alreadyCalled: true. Use it when an AI agent places the call. Empty: every run rings.',
		hint: 'Kept in n8n’s database, like the Remove Duplicates node’s history. A call telSpiel refused (403, 422) does not count.',
	},
	{
		displayName:
			'telSpiel rings the agent, then connects the customer. It returns no call ID, and a failed run is never sent again, so a customer is never rung twice.',
		name: 'clickToCallNotice',
		type: 'notice',
		default: '',
	},
];

/** The keys of the last 10,000 calls are kept, per node. */
const ONCE_PER_KEY = { mode: 'entries', maxEntries: 10_000 } as const;

export const clickToCall = defineOperation({
	resource: 'call',
	value: 'clickToCall',
	name: 'Click To Call',
	description: 'Ring an agent, then connect the customer',
	action: 'Ring an agent, then connect a customer',
	properties,
	// telSpiel takes both numbers as Numeric (sources.md#telspiel-parameters): digits only, normalised here.
	input: z.object({
		agentPhone: numericPhoneNumber,
		customerPhone: numericPhoneNumber,
		campaignName: optionalString,
		ringOncePer: optionalString,
	}),
	output: clickToCallResult,
	sideEffects: true,
	run: async (client: TelSpielClient, { ringOncePer, ...call }, { functions }) => {
		if (!ringOncePer) return await client.clickToCall(call);
		const key = [`${ringOncePer}:${call.customerPhone}`];
		const node = `telspiel:ring-once:${functions.getWorkflow().id ?? ''}:${functions.getNode().id}`;
		// n8n keeps all of a node's keys in one database row, read, then written back whole: two checks at once,
		// of any keys, would drop one's record. So within this process the node's store is used in turn, and a
		// key's call waits for an earlier call with that key (two items or tool calls may carry one key).
		const inStore = async <T>(task: () => Promise<T>) => await inTurn(`${node}:store`, task);
		return await inTurn(`${node}:key:${key[0]}`, async () => {
			// n8n's deduplication store (its database) is shared by every execution and worker, unlike static data of one run.
			const { processed } = await inStore(async () => await functions.helpers.checkProcessedAndRecord(key, 'node', ONCE_PER_KEY));
			if (processed.length > 0) {
				return { code: 200, status: 'alreadyCalled', message: `This customer was already rung for "${ringOncePer}"; no call was placed.`, alreadyCalled: true };
			}
			// telSpiel refused the request, so no phone rang: a corrected request may ring. Any other failure (a timeout) may
			// have rung, so its key stays. The runner turns the failure into the node's error, as for any operation.
			const answer = await client.clickToCall(call).catch(async (error: unknown) => {
				if (error instanceof ServiceError && (error.httpCode === 403 || error.httpCode === 422)) {
					await inStore(async () => await functions.helpers.removeProcessed(key, 'node', ONCE_PER_KEY));
				}
				return await Promise.reject(error);
			});
			return { ...(answer as object), alreadyCalled: false };
		});
	},
});
