import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { savedTicket } from '../../schemas';
import { TICKET_SOURCES, customFieldsInput, customFieldsOption } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', placeholder: 'e.g. Refund request' },
	{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 4 }, required: true, default: '' },
	{
		displayName: 'Ticket Type ID',
		name: 'typeId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of a ticket type without sub-types, from Sobot’s data dictionary',
	},
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
	{ displayName: 'Source', name: 'source', type: 'options', options: TICKET_SOURCES, default: 1, description: 'The channel the ticket came from' },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Attachment Paths', name: 'files', type: 'string', default: '', description: 'Paths of files uploaded to Sobot, separated by ;' },
			{ displayName: 'Company ID', name: 'companyId', type: 'string', default: '', description: 'Your Sobot company ID, if your account requires it' },
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
		title: nonEmptyString,
		content: nonEmptyString,
		typeId: nonEmptyString,
		customerBy: z.enum(['customerId', 'partnerId', 'email', 'phone']),
		customer: nonEmptyString,
		source: z.coerce.number().int(),
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
