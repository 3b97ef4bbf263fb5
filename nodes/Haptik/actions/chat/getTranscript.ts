import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { parseAnswer } from '../../../shared/answers';
import { optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { transcript, transcriptLine } from '../../schemas';
import { businessIdInput, businessIdOption } from '../fields';

const byUserName = { show: { identifyBy: ['userName'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Identify User By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'User Name and Business', value: 'userName', description: 'Haptik’s user name (the Haptik Trigger’s userName, or Agent Tool → Get User’s)' },
			{ name: 'Agent Tool User Token (PXUT)', value: 'pxut', description: 'The token Haptik gives an external agent tool for the user (TRACT consumers)' },
		],
		default: 'userName',
	},
	{ displayName: 'User Name', name: 'userName', type: 'string', required: true, default: '', displayOptions: byUserName, description: 'Haptik’s user name of the user (not your auth ID)' },
	{
		displayName: 'PXUT',
		name: 'pxut',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. tw389ysgd._aksdjknsk-545641964-B',
		displayOptions: { show: { identifyBy: ['pxut'] } },
		// Haptik names the token (Packed eXtensible User Token) but not where an agent tool finds it; its hooks carry only user_id.
		description: 'Haptik’s Packed eXtensible User Token of the user, for the account of the credential’s Client ID; most likely the userId of the agent tool’s hooks',
	},
	{ displayName: 'Conversation Number', name: 'conversationNo', type: 'number', required: true, default: 1, typeOptions: { minValue: 1 }, description: 'Which of the user’s conversations (the Haptik Trigger’s conversationNumber)' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			// Not hidden by Identify User By: n8n 1.x cannot publish a workflow whose collection child is shown by a parameter outside the collection.
			{ ...businessIdOption, description: `${businessIdOption.description}; only with User Name and Business (a PXUT names its business itself)` },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, typeOptions: { minValue: 1 }, description: 'Max number of results to return' },
		],
	},
];

// Haptik's two groups of arguments (sources.md#haptik-transcript-groups): user name and business, or the PXUT.
const input = z
	.object({
		identifyBy: z.enum(['userName', 'pxut']).default('userName'),
		userName: optionalString,
		pxut: optionalString,
		conversationNo: z.coerce.number().int().positive({ error: 'a conversation number from 1 up' }),
		options: z.object({ businessId: businessIdInput, limit: z.coerce.number().int().positive().optional() }).prefault({}),
	})
	.superRefine((value, ctx) => {
		const field = value.identifyBy === 'pxut' ? 'pxut' : 'userName';
		if (!value[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'a value' });
	});

export const getTranscript = defineOperation({
	resource: 'chat',
	value: 'getTranscript',
	name: 'Get Transcript',
	description: 'Read a conversation’s messages, for an agent taking the chat over',
	action: 'Get a chat transcript',
	properties,
	input,
	output: transcript,
	sideEffects: false,
	run: async (client: HaptikClient, input) => {
		const { limit, businessId } = input.options;
		const who = input.identifyBy === 'pxut' ? { pxut: input.pxut! } : { userName: input.userName!, businessId };
		const { chat_json } = await client.chatHistory({ conversationNo: input.conversationNo, limit, ...who });
		const lines = parseAnswer(z.array(transcriptLine), chat_json);
		return { lines, text: lines.map((line) => `${line.sender}: ${line.text}`).join('\n') };
	},
});
