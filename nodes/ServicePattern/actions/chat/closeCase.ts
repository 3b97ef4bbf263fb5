import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatOf } from '../../conversation';
import { chatIdInput, chatIdProperty, conversationProperties, conversationRequired } from '../../parameters';
import { closedCase } from '../../schemas';
import { requireV2 } from '../v2';

export const closeCase = defineOperation({
	resource: 'chat',
	value: 'closeCase',
	name: 'Close Case (V2)',
	description: 'Close the CRM case linked to the chat, once the scenario set one',
	action: 'Close the chat’s case',
	properties: [...conversationProperties, chatIdProperty],
	input: conversationRequired(chatIdInput),
	output: closedCase,
	sideEffects: true,
	run: async (client: ServicePatternClient, input) => {
		requireV2(client, 'Close Case');
		const { clientId, chatId } = await chatOf(client, input);
		await client.closeCase(clientId, chatId);
		return { clientId, chatId, closed: true };
	},
});
