import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { parseAnswer } from '../../../shared/answers';
import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { transcript, transcriptLine } from '../../schemas';
import { businessIdInput, businessIdOption } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'User Name', name: 'userName', type: 'string', required: true, default: '', description: 'Haptik’s user name of the user (not your auth ID)' },
	{ displayName: 'Conversation Number', name: 'conversationNo', type: 'number', required: true, default: 1, typeOptions: { minValue: 1 }, description: 'Which of the user’s conversations (the Haptik Trigger’s conversationNumber)' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [businessIdOption, { displayName: 'Limit', name: 'limit', type: 'number', default: 50, typeOptions: { minValue: 1 }, description: 'Max number of results to return' }],
	},
];

export const getTranscript = defineOperation({
	resource: 'chat',
	value: 'getTranscript',
	name: 'Get Transcript',
	description: 'Read a conversation’s messages, for an agent taking the chat over',
	action: 'Get a chat transcript',
	properties,
	input: z.object({
		userName: nonEmptyString,
		conversationNo: z.coerce.number().int().positive({ error: 'a conversation number from 1 up' }),
		options: z.object({ businessId: businessIdInput, limit: z.coerce.number().int().positive().optional() }).prefault({}),
	}),
	output: transcript,
	sideEffects: false,
	run: async (client: HaptikClient, input) => {
		const { chat_json } = await client.chatHistory({ userName: input.userName, conversationNo: input.conversationNo, ...input.options });
		const lines = parseAnswer(z.array(transcriptLine), chat_json);
		return { lines, text: lines.map((line) => `${line.sender}: ${line.text}`).join('\n') };
	},
});
