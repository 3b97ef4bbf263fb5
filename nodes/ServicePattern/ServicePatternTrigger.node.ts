import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError, toNodeError } from '../shared/errors';
import { createServiceClient } from '../shared/service';
import { POLL_TIMEOUT_MS } from './client';
import { clientIdOf, conversationInput, conversationProperties } from './conversation';
import { endsSession } from './schemas';
import { servicePatternService } from './service';

/** Which events start the workflow; each is a test on one server event of a chat. */
const EVENT_KINDS: Record<string, { name: string; matches: (event: Record<string, unknown>, chatId: string) => boolean }> = {
	agentMessage: {
		name: 'Agent Message',
		// In a chat the customer's own messages carry the chat ID as their party ID.
		matches: (e, chatId) => e.event === 'chat_session_message' && e.party_id !== chatId,
	},
	chatEnded: { name: 'Chat Ended', matches: (e) => endsSession(e) },
	partyJoined: { name: 'Agent Joined', matches: (e) => e.event === 'chat_session_party_joined' },
	partyLeft: { name: 'Agent Left', matches: (e) => e.event === 'chat_session_party_left' },
	file: { name: 'File Shared', matches: (e) => e.event === 'chat_session_file' },
	formShow: { name: 'Form Shown', matches: (e) => e.event === 'chat_session_form_show' || e.event === 'chat_session_secure_form_show' },
	status: { name: 'Status Changed', matches: (e) => e.event === 'chat_session_status' },
	typing: { name: 'Agent Typing', matches: (e) => e.event === 'chat_session_typing' || e.event === 'chat_session_not_typing' },
	any: { name: 'Any Event', matches: () => true },
};

/** How long to wait before looking again for a chat to follow, or after a failed poll. */
const IDLE_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;

/** What survives a restart (in the workflow's static data): the chat being followed. */
interface FollowState extends IDataObject {
	chatId?: string;
}

const parametersSchema = z.object({ ...conversationInput, events: z.array(z.enum(Object.keys(EVENT_KINDS) as [string, ...string[]])).min(1) });

export class ServicePatternTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ServicePattern Trigger',
		name: 'servicePatternTrigger',
		icon: { light: 'file:servicePattern.svg', dark: 'file:servicePattern.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"conversation " + ($parameter["conversationKey"] || $parameter["clientId"])}}',
		description: 'Starts the workflow when the contact center sends an event in a conversation’s chat, such as an agent’s message',
		defaults: { name: 'ServicePattern Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'servicePatternApi', required: true }],
		properties: [
			...conversationProperties,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: Object.entries(EVENT_KINDS)
					.map(([value, { name }]) => ({ name, value }))
					.sort((a, b) => a.name.localeCompare(b.name)),
				default: ['agentMessage', 'chatEnded'],
				description: 'Which events start the workflow; each event is one item',
			},
			{
				displayName:
					'The trigger follows the conversation’s active chat: it waits for one to be requested (e.g. by a ServicePattern node), holds one request for new events open at a time, and stops following a chat when it ends, ready for the next.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const parsed = parametersSchema.safeParse({
			conversation: this.getNodeParameter('conversation'),
			conversationKey: this.getNodeParameter('conversationKey', ''),
			clientId: this.getNodeParameter('clientId', ''),
			events: this.getNodeParameter('events'),
		});
		if (!parsed.success) {
			throw new NodeOperationError(this.getNode(), 'The trigger needs a conversation and at least one event', {
				description: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'),
			});
		}
		const kinds = parsed.data.events.map((kind) => EVENT_KINDS[kind]);
		const clientId = clientIdOf(parsed.data);
		const { client, redactor } = await createServiceClient(this, servicePatternService, { timeoutMs: POLL_TIMEOUT_MS });
		const state = this.getWorkflowStaticData('node') as FollowState;
		const stopped = new AbortController();
		const whenStopped = new Promise<void>((resolve) => stopped.signal.addEventListener('abort', () => resolve()));
		// Waits, but never past a deactivation: closing the trigger must not wait out a back-off.
		const pause = async (ms: number) => await Promise.race([sleep(ms), whenStopped]);
		let failures = 0;
		/** Set while the contact center cannot be reached; reported once, cleared when it answers again. */
		let outage = false;

		const follow = async () => {
			while (!stopped.signal.aborted) {
				try {
					if (!state.chatId) {
						const active = await client.activeChat(clientId);
						recovered();
						if (typeof active?.chat_id !== 'string') {
							await pause(IDLE_MS);
							continue;
						}
						state.chatId = active.chat_id;
					}
					const chatId = state.chatId;
					const { events, ended } = await client.newEvents(clientId, chatId, stopped.signal);
					recovered();
					const matching = events.filter((event) => kinds.some((kind) => kind.matches(event, chatId)));
					if (ended) delete state.chatId;
					if (matching.length > 0 && !stopped.signal.aborted) {
						this.emit([this.helpers.returnJsonArray(matching.map((event) => ({ ...event, clientId, chatId }) as IDataObject))]);
					}
				} catch (error) {
					if (stopped.signal.aborted) return;
					// The chat is gone (ended elsewhere, timed out): follow the next one.
					if (error instanceof ServiceError && error.httpCode === 404) {
						delete state.chatId;
						continue;
					}
					failures++;
					// 400 means another poll of this chat is held (e.g. a workflow run elsewhere): wait for it.
					const pollHeldElsewhere = error instanceof ServiceError && error.httpCode === 400;
					if (!pollHeldElsewhere && !outage) {
						// Once per outage, as a failed execution (and the error workflow), never emitError: in n8n
						// that tears the trigger down and starts it again, and runs the error workflow each time.
						outage = true;
						const nodeError = toNodeError(this.getNode(), error, 0, redactor);
						this.logger.warn(`ServicePattern Trigger: ${nodeError.message}; trying again with a growing pause until the contact center answers`);
						this.saveFailedExecution(nodeError);
					}
					await pause(Math.min(MAX_BACKOFF_MS, IDLE_MS * 2 ** Math.min(failures, 4)));
				}
			}
		};
		const recovered = () => {
			failures = 0;
			if (!outage) return;
			outage = false;
			this.logger.info('ServicePattern Trigger: the contact center answers again; following the conversation');
		};
		const following = follow();

		return {
			closeFunction: async () => {
				stopped.abort();
				await following;
			},
		};
	}
}
