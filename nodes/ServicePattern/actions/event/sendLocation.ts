import { z } from 'zod/v4';

import { optionalString } from '../../../shared/fields';
import { nextMessageId } from '../../conversation';
import { messageIdProperty, sendEventOperation } from '../eventOperation';

export const sendLocation = sendEventOperation({
	value: 'sendLocation',
	name: 'Send Location',
	description: 'Share the customer’s location with the agent',
	action: 'Send a location',
	properties: [
		{ displayName: 'Latitude', name: 'latitude', type: 'number', typeOptions: { numberPrecision: 6 }, default: 0 },
		{ displayName: 'Longitude', name: 'longitude', type: 'number', typeOptions: { numberPrecision: 6 }, default: 0 },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [{ displayName: 'Map URL', name: 'url', type: 'string', default: '' }, messageIdProperty],
		},
	],
	input: {
		latitude: z.coerce.number(),
		longitude: z.coerce.number(),
		additionalFields: z.object({ url: optionalString, messageId: optionalString }).prefault({}),
	},
	build: (input, chatId) => ({
		event: 'chat_session_location',
		msg_id: input.additionalFields.messageId ?? nextMessageId(chatId),
		latitude: input.latitude,
		longitude: input.longitude,
		...(input.additionalFields.url ? { url: input.additionalFields.url } : {}),
	}),
});
