import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatOf } from '../../conversation';
import { chatIdInput, chatIdProperty, conversationProperties, conversationRequired } from '../../parameters';
import { chatEvents } from '../../schemas';

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
		const { clientId, chatId } = await chatOf(client, input);
		return { clientId, chatId, ...(await client.history(clientId, chatId)) };
	},
});
