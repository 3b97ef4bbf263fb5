import { nonEmptyString, optionalString } from '../../../shared/fields';
import { nextMessageId } from '../../conversation';
import { sendEventOperation } from '../eventOperation';

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
