import type { BinaryStream } from '../../../shared/multipart';
import { downloadOperation } from '../downloadOperation';

export const getAgentProfilePhoto = downloadOperation({
	value: 'getAgentProfilePhoto',
	name: 'Get Agent Profile Photo',
	description: 'Download the photo of an agent in the chat, as binary data',
	action: 'Get an agent profile photo',
	idProperty: {
		displayName: 'Party ID',
		name: 'partyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.party_id }}',
		description: 'The agent’s party_id, from a chat_session_party_joined event',
	},
	download: (client, clientId, chatId, partyId) => client.profilePhoto<BinaryStream>(clientId, chatId, partyId),
	fallbackName: (partyId) => `agent-${partyId}`,
});
