import { z } from 'zod/v4';

import { sendEventOperation } from '../eventOperation';

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
