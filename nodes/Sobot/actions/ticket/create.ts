import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { savedTicket } from '../../schemas';
import { attachmentPathsOption, companyIdOption, customFieldsInput, customFieldsOption, newTicketInput, newTicketProperties, ticketSourceProperty } from '../fields';

const properties: INodeProperties[] = [
	...newTicketProperties('e.g. Refund request'),
	{
		displayName: 'Customer By',
		name: 'customerBy',
		type: 'options',
		options: [
			{ name: 'Customer ID', value: 'customerId' },
			{ name: 'Email', value: 'email' },
			{ name: 'Partner ID', value: 'partnerId' },
			{ name: 'Phone', value: 'phone' },
		],
		default: 'customerId',
		description: 'How the ticket’s customer is identified, e.g. the ID a Find Customer step returned',
	},
	{ displayName: 'Customer', name: 'customer', type: 'string', required: true, default: '', placeholder: 'e.g. {{ $json.userid }}' },
	ticketSourceProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			attachmentPathsOption,
			companyIdOption,
			customFieldsOption,
		],
	},
];

export const create = defineOperation({
	resource: 'ticket',
	value: 'create',
	name: 'Create as Customer',
	description: 'Open a ticket as the customer, as if they left a message',
	action: 'Create a ticket',
	properties,
	input: z.object({
		...newTicketInput,
		customerBy: z.enum(['customerId', 'partnerId', 'email', 'phone']),
		customer: nonEmptyString,
		additionalFields: z
			.object({ files: optionalString, companyId: optionalString, customFields: customFieldsInput })
			.prefault({}),
	}),
	output: savedTicket,
	sideEffects: true,
	run: (client: SobotClient, input) => {
		const { additionalFields, ...ticket } = input;
		return client.createTicket({ ...ticket, ...additionalFields });
	},
});
