import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatOf } from '../../conversation';
import { chatIdInput, chatIdProperty, conversationProperties, conversationRequired } from '../../parameters';
import { chatEvents } from '../../schemas';

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
		const { clientId, chatId } = await chatOf(client, input);
		return { clientId, chatId, ...(await client.newEvents(clientId, chatId)) };
	},
});
