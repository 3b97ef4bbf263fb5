import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../../../shared/errors';
import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { foundCustomer } from '../../schemas';
import { foundCustomerItem } from '../customerProfile';

const properties: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{ name: 'Customer ID', value: 'customerId', description: 'Sobot’s ID of the customer' },
			{ name: 'Email', value: 'email' },
			{ name: 'Partner ID', value: 'partnerId', description: 'The customer’s ID in your own system (Sobot’s "docking ID")' },
			{ name: 'Phone', value: 'phone', description: 'For IVR flows: the caller’s number' },
		],
		default: 'phone',
		description: 'Which field identifies the customer',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 13800000000',
		description: 'The customer ID, email, partner ID or phone number to look for (one value)',
	},
	{
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		options: [
			{ name: 'Output an Item With Found: False', value: 'outputNotFound', description: 'The flow can branch on the "found" field' },
			{ name: 'Fail', value: 'fail', description: 'Stop, or output the error with Continue On Fail' },
		],
		default: 'outputNotFound',
	},
	{
		displayName:
			'Sobot’s open API cannot look customers up by WeChat, WhatsApp, Facebook, Instagram, Line, Telegram or Discord IDs. Of the IVR query’s third-party account IDs, only the partner ID can be searched.',
		name: 'thirdAccountNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { searchBy: ['partnerId'] } },
	},
];

export const find = defineOperation({
	resource: 'customer',
	value: 'find',
	name: 'Find',
	description: 'Look a customer up by ID, phone, email or partner ID',
	action: 'Find a customer',
	properties,
	input: z.object({
		searchBy: z.enum(['customerId', 'phone', 'email', 'partnerId']),
		value: nonEmptyString,
		ifNotFound: z.enum(['outputNotFound', 'fail']),
	}),
	output: foundCustomer,
	sideEffects: false,
	run: async (client: SobotClient, input) => {
		const found = await client.findCustomer(input.searchBy, input.value);
		if (!found) {
			if (input.ifNotFound === 'fail') {
				throw new ServiceError(`No Sobot customer matches ${input.searchBy} "${input.value}"`, {
					code: 'not_found',
					description: 'Set "If Not Found" to output an item with found: false to branch on it instead.',
				});
			}
			return { found: false };
		}
		const names = found.extend_field_values?.length ? await client.customFieldNames() : new Map<string, string>();
		return foundCustomerItem(found, names);
	},
});
