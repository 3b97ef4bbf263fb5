import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatEvents, endsSession, eventsBody } from '../../schemas';
import { chatIdInput, chatIdOf, chatIdProperty, clientIdOf, conversationProperties, conversationRequired } from '../common';

/** `{ events: [...] }` with every event typed and timestamps as ISO `time`. */
export function readEvents(answer: unknown) {
	const events = eventsBody.parse(answer ?? {}).events;
	return { events, ended: events.some(endsSession) };
}

export const getChatHistory = defineOperation({
	resource: 'chat',
	value: 'getChatHistory',
	name: 'Get Chat History',
	description: 'Get every event of the chat so far, the customer’s and the agents’',
	action: 'Get the chat history',
	properties: [...conversationProperties, chatIdProperty],
	input: conversationRequired(chatIdInput),
	output: chatEvents,
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		const clientId = clientIdOf(input);
		const chatId = await chatIdOf(client, clientId, input.chatId);
		return { clientId, chatId, ...readEvents(await client.json(clientId, 'GET', `/chats/${encodeURIComponent(chatId)}/history`)) };
	},
});

/** The server holds a poll 5 to 15 s when nothing is new; the official clients wait 20 s. */
export const POLL_TIMEOUT_MS = 25_000;

export const getNewChatEvents = defineOperation({
	resource: 'chat',
	value: 'getNewChatEvents',
	name: 'Get New Chat Events',
	description: 'Wait for events not yet received (up to about 15 seconds when there are none)',
	action: 'Get new chat events',
	properties: [
		...conversationProperties,
		chatIdProperty,
		{
			displayName:
				'Only one request for new events may wait per chat at a time. To react to every agent message, use the ServicePattern Trigger instead.',
			name: 'pollNotice',
			type: 'notice',
			default: '',
		},
	],
	input: conversationRequired(chatIdInput),
	output: chatEvents,
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		const clientId = clientIdOf(input);
		const chatId = await chatIdOf(client, clientId, input.chatId);
		return { clientId, chatId, ...readEvents(await client.newEvents(clientId, chatId, POLL_TIMEOUT_MS)) };
	},
});
