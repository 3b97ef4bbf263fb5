import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatOf } from '../../conversation';
import { chatIdInput, chatIdProperty, conversationProperties, conversationRequired } from '../../parameters';
import { caseHistory } from '../../schemas';
import { requireV2 } from '../v2';

export const getCaseHistory = defineOperation({
	resource: 'chat',
	value: 'getCaseHistory',
	name: 'Get Case History (V2)',
	description: 'Get the transcripts of every chat linked to the chat’s CRM case, once the scenario set one',
	action: 'Get the case history',
	properties: [...conversationProperties, chatIdProperty],
	input: conversationRequired(chatIdInput),
	output: caseHistory,
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		requireV2(client, 'Get Case History');
		const { clientId, chatId } = await chatOf(client, input);
		return { clientId, chatId, sessions: await client.caseHistory(clientId, chatId) };
	},
});
