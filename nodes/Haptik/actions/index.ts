import { defineActions } from '../../shared/operation';
import type { HaptikClient } from '../client';
import { haptikService } from '../service';
import { getUser } from './agentTool/getUser';
import { handBack } from './agentTool/handBack';
import { sendEvent } from './agentTool/sendEvent';
import { sendMessage as sendAgentMessage } from './agentTool/sendMessage';
import { getTranscript } from './chat/getTranscript';
import { moveToAgent } from './chat/moveToAgent';
import { send } from './message/send';
import { sendFile } from './message/sendFile';
import { createOrUpdate } from './user/createOrUpdate';

export const haptikActions = defineActions<HaptikClient>({
	service: haptikService,
	resources: [
		{ value: 'user', name: 'User', description: 'Users of the bot, by your own auth ID' },
		{ value: 'message', name: 'Message', description: 'A user’s messages and files to the bot (Bot as an API)' },
		{ value: 'chat', name: 'Chat', description: 'Handing a chat to agents, and its transcript' },
		{ value: 'agentTool', name: 'Agent Tool', description: 'A contact center answering Haptik chats (external agent tool)' },
	],
	operations: [createOrUpdate, send, sendFile, moveToAgent, getTranscript, getUser, sendAgentMessage, sendEvent, handBack],
});
