import { jsonObject } from '../../../shared/fields';
import { sendEventOperation } from '../eventOperation';

export const sendEvent = sendEventOperation({
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
