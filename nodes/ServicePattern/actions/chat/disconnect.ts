import { sendEventOperation } from '../eventOperation';

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
