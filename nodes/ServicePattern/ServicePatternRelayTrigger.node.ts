import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { createServiceClient } from '../shared/service';
import { answerDirectly } from '../shared/webhookAnswer';
import { POLL_TIMEOUT_MS } from './client';
import { Lifetime, OutageReport, eventFilter, eventItems, eventsInput, eventsProperty, followChat, triggerParameters } from './follow';
import { DEFAULT_RELAY_PATH, MAX_RELAYED_CHATS, SIGNATURE_HEADER, hasValidSignature, relayKey, relayRegistration, runningRelays } from './relay';
import type { RelayRegistration } from './relay';
import { servicePatternService } from './service';

/**
 * What survives a restart, in the workflow's static data: the chats being followed, by chat ID.
 * n8n saves it with every execution the trigger starts.
 */
interface RelayState extends IDataObject {
	chats?: Record<string, { clientId: string; conversationKey?: string }>;
}

const parametersSchema = z.object({ path: z.string().trim().min(1), events: eventsInput });

export class ServicePatternRelayTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ServicePattern Relay Trigger',
		name: 'servicePatternRelayTrigger',
		icon: { light: 'file:servicePattern.svg', dark: 'file:servicePattern.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"relay " + $parameter["path"]}}',
		description: 'Starts the workflow on agent events in every chat that ServicePattern nodes open with this relay, however many at once',
		defaults: { name: 'ServicePattern Relay Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'servicePatternApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '={{$parameter["path"]}}',
				isFullPath: true,
				ndvHideUrl: true,
			},
		],
		properties: [
			{
				displayName: 'Relay Path',
				name: 'path',
				type: 'string',
				default: DEFAULT_RELAY_PATH,
				required: true,
				description: 'Give the same path in Request Chat’s Relay Path option; use another one for each contact center (credential)',
			},
			eventsProperty,
			{
				displayName:
					'Works while the workflow is active. Each chat that a ServicePattern node opens with Request Chat (Relay Path set) is followed here until it ends, with one held request for new events per chat; every item carries the chat’s conversation key, client ID and chat ID.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	// The relay registers nothing with the contact center: its webhook is only for the package's own nodes.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/** Request Chat's registration: checked, then handed to the relay trigger running in this process. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const answer = (status: number, body: IDataObject) => answerDirectly(this, status, body);
		const parsed = relayRegistration.safeParse(this.getBodyData());
		if (!parsed.success) return answer(400, { message: 'Expected a chat to follow: clientId, chatId and, optionally, conversationKey' });
		const credentials = await this.getCredentials('servicePatternApi');
		if (!hasValidSignature(parsed.data, String(credentials.appId), this.getHeaderData()[SIGNATURE_HEADER])) {
			return answer(401, { message: 'The registration is not signed with this relay’s ServicePattern credential' });
		}
		const relay = runningRelays.get(relayKey(this.getWorkflow().id, this.getNode().name));
		if (!relay) {
			// Its trigger runs on the n8n main that holds the triggers; a separate webhook process has none.
			return answer(503, { message: 'The relay trigger is not running in the n8n process that received this request' });
		}
		if (relay.follow(parsed.data) === 'full') return answer(429, { message: `The relay already follows ${MAX_RELAYED_CHATS} chats` });
		return answer(200, { following: parsed.data.chatId, chats: relay.size });
	}

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const parameters = triggerParameters(this, parametersSchema, { path: this.getNodeParameter('path'), events: this.getNodeParameter('events') }, 'a Relay Path and at least one event');
		const matching = eventFilter(parameters.events);
		const { client, redactor } = await createServiceClient(this, servicePatternService, { timeoutMs: POLL_TIMEOUT_MS });
		const state = this.getWorkflowStaticData('node') as RelayState;
		const lifetime = new Lifetime();
		const outage = new OutageReport(this, redactor, 'ServicePattern Relay Trigger');
		const followed = new Map<string, Promise<void>>();
		// Whole-object assignments: n8n's static data notices those, not changes inside a nested object.
		const remember = (chats: RelayState['chats']) => (state.chats = chats);

		const follow = ({ clientId, chatId, conversationKey }: RelayRegistration) => {
			if (followed.has(chatId)) return 'following' as const;
			if (followed.size >= MAX_RELAYED_CHATS) return 'full' as const;
			remember({ ...state.chats, [chatId]: { clientId, ...(conversationKey === undefined ? {} : { conversationKey }) } });
			const conversation = { conversationKey: conversationKey ?? null, clientId, chatId };
			const following = followChat({
				client,
				clientId,
				chatId,
				lifetime,
				outage,
				onEvents: (events) => {
					const wanted = matching(events, chatId);
					if (wanted.length > 0) this.emit([this.helpers.returnJsonArray(eventItems(wanted, conversation))]);
				},
			}).then((end) => {
				followed.delete(chatId);
				if (end === 'stopped') return;
				const { [chatId]: _ended, ...others } = state.chats ?? {};
				remember(others);
			});
			followed.set(chatId, following);
			return 'following' as const;
		};

		for (const [chatId, chat] of Object.entries(state.chats ?? {})) follow({ chatId, ...chat });
		const key = relayKey(this.getWorkflow().id, this.getNode().name);
		const relay = { follow, get size() { return followed.size; } };
		runningRelays.set(key, relay);

		return {
			closeFunction: async () => {
				if (runningRelays.get(key) === relay) runningRelays.delete(key);
				lifetime.stop();
				await Promise.all(followed.values());
			},
		};
	}
}
