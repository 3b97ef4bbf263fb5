import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { savedTicket } from '../../schemas';
import {
	TICKET_STATUS_OPTIONS,
	assignmentInput,
	assignmentOptions,
	attachmentPathsOption,
	companyIdOption,
	customFieldsInput,
	customFieldsOption,
	newTicketInput,
	newTicketProperties,
	ticketPriority,
	ticketPriorityOption,
	ticketSourceProperty,
	ticketStatus,
} from '../fields';

const properties: INodeProperties[] = [
	...newTicketProperties('e.g. Callback requested'),
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.userid }}',
		description: 'Sobot’s ID of the customer (userid), e.g. from Find Customer',
	},
	{
		displayName: 'Created By Agent ID',
		name: 'createdByAgentId',
		type: 'string',
		required: true,
		default: '',
		description: 'Sobot’s ID of the agent opening the ticket (create_agentid)',
	},
	// Sobot refuses an agent's ticket without a source, status or priority (400009–400011, sources.md#sobot-ticket-codes).
	ticketSourceProperty,
	{ displayName: 'Status', name: 'status', type: 'options', options: TICKET_STATUS_OPTIONS, default: 'new' },
	ticketPriorityOption,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			...assignmentOptions,
			attachmentPathsOption,
			companyIdOption,
			{ displayName: 'Created By Agent Name', name: 'createdByAgentName', type: 'string', default: '' },
			customFieldsOption,
			{ displayName: 'Record ID', name: 'recordId', type: 'string', default: '', description: 'The call or chat record the ticket comes from (recordid)' },
		],
	},
];

export const createAsAgent = defineOperation({
	resource: 'ticket',
	value: 'createAsAgent',
	name: 'Create as Agent',
	description: 'Open a ticket as an agent, for a customer, and hand it to a group or agent',
	action: 'Create a ticket as an agent',
	properties,
	input: z.object({
		...newTicketInput,
		customerId: nonEmptyString,
		createdByAgentId: nonEmptyString,
		status: ticketStatus,
		priority: ticketPriority,
		additionalFields: z
			.object({
				...assignmentInput,
				files: optionalString,
				companyId: optionalString,
				createdByAgentName: optionalString,
				customFields: customFieldsInput,
				recordId: optionalString,
			})
			.prefault({}),
	}),
	output: savedTicket,
	sideEffects: true,
	run: (client: SobotClient, { additionalFields, ...ticket }) => client.createAgentTicket({ ...ticket, ...additionalFields }),
});
