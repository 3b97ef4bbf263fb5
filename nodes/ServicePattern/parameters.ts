/**
 * The parameters ServicePattern's operations and triggers share: what the user sees (properties) and
 * what the run accepts (zod). What they mean lives in conversation.ts and follow.ts.
 */
import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalOf, optionalString, uuid } from '../shared/fields';
import { EVENT_KINDS } from './follow';

/** Who the chat is for: the API allows one session per client ID, so each customer needs their own. */
export const conversationProperties: INodeProperties[] = [
	{
		displayName: 'Conversation',
		name: 'conversation',
		type: 'options',
		options: [
			{
				name: 'By Key',
				value: 'key',
				description: 'A value that identifies the customer (phone number, user ID…); the same key always maps to the same client ID',
			},
			{ name: 'By Client ID', value: 'clientId', description: 'A client ID (UUID) from an earlier step' },
		],
		default: 'key',
	},
	{
		displayName: 'Conversation Key',
		name: 'conversationKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.phone }}',
		displayOptions: { show: { conversation: ['key'] } },
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.clientId }}',
		displayOptions: { show: { conversation: ['clientId'] } },
	},
];

export const conversationInput = {
	conversation: z.enum(['key', 'clientId']),
	conversationKey: optionalString,
	clientId: optionalOf(uuid),
};

export type ConversationInput = { conversation: 'key' | 'clientId'; conversationKey?: string; clientId?: string };

/** The conversation's parameters with `shape`, refusing a conversation that names no customer. */
export const conversationRequired = <Shape extends z.ZodRawShape>(shape: Shape) =>
	z.object({ ...conversationInput, ...shape }).refine(
		(values) => {
			const input = values as unknown as ConversationInput;
			return input.conversation === 'key' ? !!input.conversationKey : !!input.clientId;
		},
		{ error: 'a Conversation Key or Client ID', path: ['conversationKey'] },
	);

export const chatIdProperty: INodeProperties = {
	displayName: 'Chat ID',
	name: 'chatId',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.chatId }}',
	description: 'Leave empty to use the conversation’s active chat',
};

export const chatIdInput = { chatId: optionalString };

export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: Object.entries(EVENT_KINDS)
		.map(([value, { name }]) => ({ name, value }))
		// Plain comparison (the names are ASCII Title Case): the first localeCompare of a process sets up
		// ICU's collation, a tenth of the package's load time (bench/RESULTS.md).
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
	default: ['agentMessage', 'chatEnded'],
	description: 'Which events start the workflow; each event is one item',
};

export const eventsInput = z.array(z.enum(Object.keys(EVENT_KINDS) as [string, ...string[]])).min(1);
