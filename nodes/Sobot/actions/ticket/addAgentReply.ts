import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { agentReply } from '../../schemas';
import {
	TICKET_STATUS_OPTIONS,
	assignmentInput,
	assignmentOptions,
	attachmentPathsOption,
	customFieldsInput,
	customFieldsOption,
	sobotNow,
	ticketPriority,
	ticketPriorityOption,
	ticketStatus,
} from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Ticket ID', name: 'ticketId', type: 'string', required: true, default: '' },
	{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 4 }, required: true, default: '' },
	{
		displayName: 'Visible To',
		name: 'visibleTo',
		type: 'options',
		options: [
			{ name: 'Everyone', value: 'everyone', description: 'The customer sees the reply too' },
			{ name: 'Agents Only', value: 'agents', description: 'An internal note the customer does not see' },
		],
		default: 'everyone',
	},
	{
		displayName: 'Agent ID',
		name: 'replyingAgentId',
		type: 'string',
		required: true,
		default: '',
		description: 'Sobot’s ID of the agent replying (reply_agentid), as its data dictionary lists agents',
	},
	{
		displayName: 'Status After Reply',
		name: 'status',
		type: 'options',
		options: [{ name: 'Keep Current', value: '' }, ...TICKET_STATUS_OPTIONS],
		default: '',
		description: 'Set Solved or Closed to solve or close the ticket with this reply',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Agent Name', name: 'replyingAgentName', type: 'string', default: '', description: 'Name of the agent replying (reply_agent_name)' },
			...assignmentOptions,
			attachmentPathsOption,
			customFieldsOption,
			{ ...ticketPriorityOption, description: 'Change the ticket’s priority with the reply; it stays as it is otherwise' },
		],
	},
];

export const addAgentReply = defineOperation({
	resource: 'ticket',
	value: 'addAgentReply',
	// Named so that Add Customer Reply, the resource's first operation before, stays its default.
	name: 'Reply as Agent',
	description: 'Reply as an agent, seen by everyone or by agents only; can solve or close the ticket',
	action: 'Reply to a ticket as an agent',
	properties,
	input: z.object({
		ticketId: nonEmptyString,
		content: nonEmptyString,
		visibleTo: z.enum(['everyone', 'agents']),
		replyingAgentId: nonEmptyString,
		status: z.preprocess((value) => (value === '' || value === null ? undefined : value), ticketStatus.optional()),
		additionalFields: z
			.object({
				replyingAgentName: optionalString,
				...assignmentInput,
				files: optionalString,
				customFields: customFieldsInput,
				priority: ticketPriority.optional(),
			})
			.prefault({}),
	}),
	output: agentReply,
	sideEffects: true,
	// The ticket is read first: Sobot takes its title, description, status and priority with every reply.
	run: async (client: SobotClient, { ticketId, additionalFields, ...reply }, { functions }) => {
		const current = await client.readTicket(ticketId);
		const readAt = sobotNow((functions as { getTimezone?: () => string }).getTimezone?.());
		const sent = await client.replyAsAgent(ticketId, { ...reply, ...additionalFields, readAt }, current);
		return { ticketid: ticketId, replied: true, visibleTo: reply.visibleTo, ticket_status: sent.status, ticket_level: sent.priority };
	},
});
