import { sendEventOperation } from '../eventOperation';

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
