import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../../../shared/errors';
import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatSession, noActiveChat } from '../../schemas';
import { clientIdOf } from '../../conversation';
import { conversationProperties, conversationRequired } from '../../parameters';

const properties: INodeProperties[] = [
	...conversationProperties,
	{
		displayName: 'If No Active Chat',
		name: 'ifNotFound',
		type: 'options',
		options: [
			{ name: 'Output an Item With Active: False', value: 'outputNotFound' },
			{ name: 'Fail', value: 'fail' },
		],
		default: 'outputNotFound',
	},
];

export const getActiveChat = defineOperation({
	resource: 'chat',
	value: 'getActiveChat',
	name: 'Get Active Chat',
	description: 'Get the conversation’s current chat session, if it has one',
	action: 'Get the active chat',
	properties,
	input: conversationRequired({ ifNotFound: z.enum(['outputNotFound', 'fail']) }),
	output: z.union([chatSession.extend({ active: z.literal(true) }), noActiveChat]),
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		const clientId = clientIdOf(input);
		const active = await client.activeChat(clientId);
		if (active) return { ...active, clientId, chatId: active.chat_id, active: true };
		if (input.ifNotFound === 'fail') {
			throw new ServiceError('This conversation has no active chat', { httpCode: 404, code: 'no_active_chat' });
		}
		return { clientId, active: false };
	},
});
