import { defineService } from '../../shared/operation';
import { ServicePatternClient, mapServicePatternError } from '../client';
import { checkAvailability } from './chat/checkAvailability';
import { getChatHistory, getNewChatEvents } from './chat/events';
import { getActiveChat } from './chat/getActiveChat';
import { getExpectedParameters } from './chat/getExpectedParameters';
import { requestChat } from './chat/requestChat';
import { getVersion, subscribeToPush } from './chat/v2';
import { disconnect, endChat, sendEvents, sendLocation, sendMessage, sendNavigation, sendTyping, submitFormData } from './event/messages';
import { getAgentProfilePhoto, getFile } from './file/download';
import { uploadFile } from './file/uploadFile';

export const servicePatternService = defineService<ServicePatternClient>({
	credentialType: 'servicePatternApi',
	secretFields: ['appId'],
	createClient: (http, credentials) =>
		new ServicePatternClient(http, {
			baseUrl: String(credentials.baseUrl),
			appId: String(credentials.appId),
			version: credentials.apiVersion === 'v2' ? 'v2' : 'v1',
		}),
	mapError: mapServicePatternError,
	resources: [
		{ value: 'chat', name: 'Chat', description: 'A customer’s chat session with the contact center' },
		{ value: 'event', name: 'Event', description: 'Messages and other events the customer sends' },
		{ value: 'file', name: 'File', description: 'Files and agent photos' },
	],
	operations: [
		checkAvailability,
		getExpectedParameters,
		requestChat,
		getActiveChat,
		getChatHistory,
		getNewChatEvents,
		endChat,
		disconnect,
		getVersion,
		subscribeToPush,
		sendMessage,
		sendTyping,
		sendLocation,
		sendNavigation,
		submitFormData,
		sendEvents,
		uploadFile,
		getFile,
		getAgentProfilePhoto,
	],
});
