import { defineActions } from '../../shared/operation';
import type { ServicePatternClient } from '../client';
import { servicePatternService } from '../service';
import { checkAvailability } from './chat/checkAvailability';
import { closeCase } from './chat/closeCase';
import { disconnect } from './chat/disconnect';
import { endChat } from './chat/endChat';
import { getActiveChat } from './chat/getActiveChat';
import { getCaseHistory } from './chat/getCaseHistory';
import { getChatHistory } from './chat/getChatHistory';
import { getExpectedParameters } from './chat/getExpectedParameters';
import { getNewChatEvents } from './chat/getNewChatEvents';
import { getVersion } from './chat/getVersion';
import { getWidgetConfiguration } from './chat/getWidgetConfiguration';
import { requestChat } from './chat/requestChat';
import { subscribeToPush } from './chat/subscribeToPush';
import { sendEvent } from './event/sendEvent';
import { sendLocation } from './event/sendLocation';
import { sendMessage } from './event/sendMessage';
import { sendNavigation } from './event/sendNavigation';
import { sendTyping } from './event/sendTyping';
import { submitFormData } from './event/submitFormData';
import { getAgentProfilePhoto } from './file/getAgentProfilePhoto';
import { getFile } from './file/getFile';
import { uploadFile } from './file/uploadFile';

export const servicePatternActions = defineActions<ServicePatternClient>({
	service: servicePatternService,
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
		getWidgetConfiguration,
		subscribeToPush,
		getCaseHistory,
		closeCase,
		sendMessage,
		sendTyping,
		sendLocation,
		sendNavigation,
		submitFormData,
		sendEvent,
		uploadFile,
		getFile,
		getAgentProfilePhoto,
	],
});
