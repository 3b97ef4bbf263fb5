import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { callbackNumber, optionalOf, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatSession } from '../../schemas';
import { clientIdOf } from '../../conversation';
import { conversationProperties, conversationRequired } from '../../parameters';
import { DEFAULT_RELAY_PATH, relayChat } from '../../relay';

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
				// "phone number for callback, if necessary": sources.md#servicepattern-callback-number.
				description: 'A number or extension the contact center may call the customer back on, with its country code, e.g. +44 20 7946 0958 or 3001',
			},
			{
				displayName: 'Relay Path',
				name: 'relayPath',
				type: 'string',
				default: DEFAULT_RELAY_PATH,
				description:
					'Have the active ServicePattern Relay Trigger with this Relay Path follow the chat, so its workflow gets the agent’s replies. The registration is signed with the credential’s Relay Secret.',
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
				relayPath: optionalOf(z.string().regex(/^[\w\-/.]+$/, { error: 'a webhook path: letters, digits, -, _, / and .' })),
			})
			.prefault({}),
	}),
	output: chatSession,
	// A repeated request would return the same session (one per client ID), so retrying is harmless.
	sideEffects: false,
	run: async (client: ServicePatternClient, input, { functions }) => {
		const clientId = clientIdOf(input);
		const { from, phoneNumber, parameters, relayPath } = input.additionalFields;
		const answer = await client.requestChat(clientId, {
			from,
			phoneNumber,
			parameters: parameters && Object.fromEntries(parameters.parameter.map((p) => [p.name, p.value])),
		});
		const chatId = typeof answer.chat_id === 'string' ? answer.chat_id : undefined;
		const conversationKey = input.conversation === 'key' ? input.conversationKey : undefined;
		// Registering again is harmless: the relay follows each chat once.
		const relayed = relayPath && chatId ? await relayChat(functions, relayPath, { clientId, chatId, conversationKey }) : {};
		return { ...answer, clientId, chatId, ...relayed };
	},
});
