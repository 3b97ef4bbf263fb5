import { defineActions } from '../../shared/operation';
import type { HaptikClient } from '../client';
import { haptikService } from '../service';
import { getUser } from './agentTool/getUser';
import { handBack } from './agentTool/handBack';
import { listListeners } from './agentTool/listListeners';
import { sendEvent } from './agentTool/sendEvent';
import { sendMessage as sendAgentMessage } from './agentTool/sendMessage';
import { getTranscript } from './chat/getTranscript';
import { sendFeedback } from './chat/sendFeedback';
import { moveToAgent } from './chat/moveToAgent';
import { send } from './message/send';
import { sendFile } from './message/sendFile';
import { createOrUpdate } from './user/createOrUpdate';
import { update } from './user/update';
import { reenable } from './webhook/reenable';

export const haptikActions = defineActions<HaptikClient>({
	service: haptikService,
	resources: [
		{ value: 'user', name: 'User', description: 'Users of the bot, by your own auth ID' },
		{ value: 'message', name: 'Message', description: 'A user’s messages and files to the bot (Bot as an API)' },
		{ value: 'chat', name: 'Chat', description: 'Handing a chat to agents, its transcript, the user’s feedback' },
		{ value: 'agentTool', name: 'Agent Tool', description: 'A contact center answering Haptik chats (external agent tool)' },
		{ value: 'webhook', name: 'Webhook', description: 'The Bot API webhook Haptik posts the bot’s replies to' },
	],
	operations: [createOrUpdate, update, send, sendFile, moveToAgent, getTranscript, sendFeedback, getUser, sendAgentMessage, sendEvent, listListeners, handBack, reenable],
});
