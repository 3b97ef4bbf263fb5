import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { numericPhoneNumber, optionalString } from '../../../shared/fields';
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
		displayName:
			'telSpiel rings the agent, then connects the customer. It returns no call ID, and a failed run is never sent again, so a customer is never rung twice.',
		name: 'clickToCallNotice',
		type: 'notice',
		default: '',
	},
];

export const clickToCall = defineOperation({
	resource: 'call',
	value: 'clickToCall',
	name: 'Click To Call',
	description: 'Ring an agent, then connect the customer',
	action: 'Start a click to call',
	properties,
	// telSpiel takes both numbers as Numeric (seed 003, lines 69–70): digits only, normalised here.
	input: z.object({
		agentPhone: numericPhoneNumber,
		customerPhone: numericPhoneNumber,
		campaignName: optionalString,
	}),
	output: clickToCallResult,
	sideEffects: true,
	run: (client: TelSpielClient, input) => client.clickToCall(input),
});
