import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { loggedMessage } from '../../schemas';
import { authIdProperty, businessIdInput, businessIdOption } from '../fields';

const properties: INodeProperties[] = [
	authIdProperty,
	{ displayName: 'Text', name: 'text', type: 'string', required: true, default: '', typeOptions: { rows: 2 }, placeholder: 'e.g. Where is my order?', description: 'What the user says to the bot' },
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options: [businessIdOption] },
	{
		displayName: 'The bot’s reply is not in this answer: Haptik posts it to your webhook. Use a Haptik Trigger (Bot Message) to receive it.',
		name: 'replyNotice',
		type: 'notice',
		default: '',
	},
];

export const send = defineOperation({
	resource: 'message',
	value: 'send',
	name: 'Send to Bot',
	description: 'Send a user’s message to the bot; the reply comes to the Haptik Trigger',
	action: 'Send a user message to the bot',
	properties,
	input: z.object({ authId: nonEmptyString, text: nonEmptyString, options: z.object({ businessId: businessIdInput }).prefault({}) }),
	output: loggedMessage,
	sideEffects: true,
	run: (client: HaptikClient, input) => client.logUserMessage(input.authId, input.text, input.options.businessId),
});
