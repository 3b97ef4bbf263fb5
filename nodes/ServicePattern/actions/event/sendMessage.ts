import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { nextMessageId } from '../../conversation';
import { messageIdProperty, sendEventOperation } from '../eventOperation';

export const sendMessage = sendEventOperation({
	value: 'sendMessage',
	name: 'Send Message',
	description: 'Send the customer’s text message to the chat',
	action: 'Send a message',
	properties: [
		{ displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, required: true, default: '' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [{ displayName: 'Channel', name: 'channel', type: 'string', default: '', placeholder: 'e.g. web' }, messageIdProperty],
		},
	],
	input: { message: nonEmptyString, additionalFields: z.object({ channel: optionalString, messageId: optionalString }).prefault({}) },
	build: (input, chatId) => ({
		event: 'chat_session_message',
		msg_id: input.additionalFields.messageId ?? nextMessageId(chatId),
		msg: input.message,
		...(input.additionalFields.channel ? { channel: input.additionalFields.channel } : {}),
	}),
});
