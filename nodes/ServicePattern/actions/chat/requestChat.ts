import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalOf, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatSession } from '../../schemas';
import { clientIdOf, conversationProperties, conversationRequired } from '../../conversation';

/**
 * A number the contact center may call back: the API takes any string (sheet §3.3) and its own
 * example is an extension, "3001" (seed 001, line 22). Digits with an optional leading +, once the
 * spaces, dashes, dots and brackets people type are removed.
 */
const callbackNumber = z
	.union([z.string(), z.number().transform(String)])
	.transform((value) => value.replace(/[\s\-().]/g, ''))
	.pipe(z.string().regex(/^\+?\d{1,20}$/, { error: 'a phone number or extension: digits with an optional leading +, e.g. 3001 or +16508888888' }));

const properties: INodeProperties[] = [
	...conversationProperties,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'From', name: 'from', type: 'string', default: '', description: 'The customer’s name or phone, copied into $(item.from)' },
			{
				displayName: 'Parameters',
				name: 'parameters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add parameter',
				default: {},
				description: 'Values for the scenario entry’s expected parameters, copied into $(item.externalChatData)',
				options: [
					{
						displayName: 'Parameter',
						name: 'parameter',
						values: [
							{
								displayName: 'Name or ID',
								name: 'name',
								type: 'options',
								typeOptions: { loadOptionsMethod: 'getExpectedParameters' },
								default: '',
								description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							},
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				description: 'A number or extension the contact center may call the customer back on, e.g. 3001 or +16508888888',
			},
		],
	},
];

export const requestChat = defineOperation({
	resource: 'chat',
	value: 'requestChat',
	name: 'Request Chat',
	description: 'Start a chat with the contact center, or get the conversation’s existing one',
	action: 'Request a chat',
	properties,
	input: conversationRequired({
		additionalFields: z
			.object({
				from: optionalString,
				phoneNumber: optionalOf(callbackNumber),
				parameters: z
					.object({ parameter: z.array(z.object({ name: z.string().trim().min(1), value: z.union([z.string(), z.number()]).transform(String) })).default([]) })
					.optional(),
			})
			.prefault({}),
	}),
	output: chatSession,
	// A repeated request would return the same session (one per client ID), so retrying is harmless.
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		const clientId = clientIdOf(input);
		const { from, phoneNumber, parameters } = input.additionalFields;
		const answer = await client.requestChat(clientId, {
			from,
			phoneNumber,
			parameters: parameters && Object.fromEntries(parameters.parameter.map((p) => [p.name, p.value])),
		});
		return { ...answer, clientId, chatId: answer.chat_id };
	},
});
