import { z } from 'zod/v4';

import { jsonObject, nonEmptyString, optionalString } from '../../../shared/fields';
import { nextMessageId } from '../../client';
import { messageIdProperty, sendEventOperation } from './send';

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

export const sendTyping = sendEventOperation({
	value: 'sendTyping',
	name: 'Send Typing',
	description: 'Show the agent that the customer is typing, or has stopped',
	action: 'Send a typing indicator',
	properties: [{ displayName: 'Typing', name: 'typing', type: 'boolean', default: true, description: 'Whether the customer is typing (off: stopped typing)' }],
	input: { typing: z.boolean().default(true) },
	sideEffects: false,
	build: (input) => ({ event: input.typing ? 'chat_session_typing' : 'chat_session_not_typing' }),
});

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

export const sendNavigation = sendEventOperation({
	value: 'sendNavigation',
	name: 'Send Navigation',
	description: 'Tell the agent which page the customer is on',
	action: 'Send a navigation event',
	properties: [
		{ displayName: 'Page', name: 'page', type: 'string', required: true, default: '', placeholder: 'e.g. https://shop.example.com/checkout' },
		{ displayName: 'Title', name: 'title', type: 'string', default: '' },
	],
	input: { page: nonEmptyString, title: optionalString },
	build: (input, chatId) => ({
		event: 'chat_session_navigation',
		msg_id: nextMessageId(chatId),
		page: input.page,
		...(input.title ? { title: input.title } : {}),
	}),
});

export const submitFormData = sendEventOperation({
	value: 'submitFormData',
	name: 'Submit Form Data',
	description: 'Answer a form the contact center showed (chat_session_form_show)',
	action: 'Submit form data',
	properties: [
		{ displayName: 'Form Request ID', name: 'formRequestId', type: 'string', required: true, default: '', placeholder: 'e.g. {{ $json.form_request_id }}' },
		{ displayName: 'Form Name', name: 'formName', type: 'string', default: '' },
		{ displayName: 'Data (JSON)', name: 'data', type: 'json', default: '{}', description: 'The form’s fields and values' },
		{ displayName: 'Secure Form', name: 'secure', type: 'boolean', default: false, description: 'Whether it answers a secure form (chat_session_secure_form_show)' },
	],
	input: {
		formRequestId: nonEmptyString,
		formName: optionalString,
		data: jsonObject,
		secure: z.boolean().default(false),
	},
	build: (input) => ({
		event: input.secure ? 'chat_session_secure_form_data' : 'chat_session_form_data',
		form_request_id: input.formRequestId,
		...(input.formName ? { form_name: input.formName } : {}),
		data: input.data,
	}),
});

export const sendEvents = sendEventOperation({
	value: 'sendEvent',
	name: 'Send Event',
	description: 'Send any client event, checked against the API’s list of events',
	action: 'Send an event',
	properties: [
		{
			displayName: 'Event (JSON)',
			name: 'event',
			type: 'json',
			required: true,
			default: '{ "event": "chat_session_message_read", "ref_msg_id": "" }',
			description: 'One client event, e.g. chat_session_message_delivered or chat_session_signaling',
		},
	],
	input: {
		event: jsonObject,
	},
	build: (input) => input.event,
});

export const endChat = sendEventOperation({
	resource: 'chat',
	value: 'endChat',
	name: 'End Chat',
	description: 'End the chat session (chat_session_end)',
	action: 'End a chat',
	properties: [],
	input: {},
	build: () => ({ event: 'chat_session_end' }),
});

export const disconnect = sendEventOperation({
	resource: 'chat',
	value: 'disconnect',
	name: 'Disconnect',
	description: 'End the conversation but leave the session to the scenario, e.g. for a survey',
	action: 'Disconnect a chat',
	properties: [],
	input: {},
	build: () => ({ event: 'chat_session_disconnect' }),
});
