import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { createServiceClient } from '../shared/service';
import { triggerParameters } from '../shared/triggerParameters';
import { answerDirectly } from '../shared/webhookAnswer';
import { NOTHING_TO_REGISTER } from '../shared/webhookRegistration';
import { POLL_TIMEOUT_MS } from './client';
import { Lifetime, OutageReport, eventFilter, eventItems, followChat } from './follow';
import { eventsInput, eventsProperty } from './parameters';
import {
	DEFAULT_RELAY_PATH,
	MAX_AGE_MS,
	MAX_RELAYED_CHATS,
	REPLAYED_STATUS,
	SECRET_HINT,
	SIGNATURE_HEADER,
	checkRegistration,
	relayKey,
	relaySecretOf,
	runningRelays,
} from './relay';
import type { ChatToFollow, RelayRegistration, Taken } from './relay';
import { servicePatternService } from './service';

/**
 * What survives a restart, in the workflow's static data: the chats being followed, by chat ID.
 * n8n saves it with every execution the trigger starts.
 */
interface RelayState extends IDataObject {
	chats?: Record<string, { clientId: string; conversationKey?: string }>;
	/** The nonces of registrations taken, until they are too old to be taken anyway (ms since 1970). */
	nonces?: Record<string, number>;
}

/** The most nonces remembered: far more than a relay takes in MAX_AGE_MS while following MAX_RELAYED_CHATS chats. */
const MAX_NONCES = 20_000;

/** How the webhook answers what the running relay made of a registration. */
const ANSWERS: Record<Exclude<Taken, 'following'>, { status: number; message: string }> = {
	full: { status: 429, message: `The relay already follows ${MAX_RELAYED_CHATS} chats` },
	replayed: { status: REPLAYED_STATUS, message: 'This registration was received before; nothing changed' },
	boundElsewhere: { status: 422, message: 'The relay follows this chat for another conversation; nothing changed' },
};

const relayPathProperty: INodeProperties = {
	displayName: 'Relay Path',
	name: 'path',
	type: 'string',
	default: DEFAULT_RELAY_PATH,
	required: true,
	description: 'Give the same path in Request Chat’s Relay Path option; use another one for each contact center (credential)',
};

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
			relayPathProperty,
			eventsProperty,
			{
				displayName:
					'Works while the workflow is active. Each chat that a ServicePattern node opens with Request Chat (Relay Path set) is followed here until it ends, with one held request for new events per chat; every item carries the chat’s conversation key, client ID and chat ID. Only registrations signed with the credential’s Relay Secret, at most 5 minutes old and never seen before, are taken.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	// The relay registers nothing with the contact center: its webhook is only for the package's own nodes.
	webhookMethods = NOTHING_TO_REGISTER;

	/**
	 * Request Chat's registration: checked (signature, age, client ID), then handed to the relay
	 * trigger running in this process, which alone knows the nonces it has taken.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const answer = (status: number, body: IDataObject) => answerDirectly(this, status, body);
		const found = relaySecretOf(await this.getCredentials('servicePatternApi'));
		if ('problem' in found) return answer(401, { message: `${found.problem}, so this relay takes no registrations` });
		const checked = checkRegistration(this.getBodyData(), this.getHeaderData()[SIGNATURE_HEADER], {
			secret: found.secret,
			path: String(this.getNodeParameter('path')),
			now: Date.now(),
		});
		if ('status' in checked) return answer(checked.status, { message: checked.message });
		const relay = runningRelays.get(relayKey(this.getWorkflow().id, this.getNode().name));
		if (!relay) {
			// Its trigger runs on the n8n main that holds the triggers; a separate webhook process has none.
			return answer(503, { message: 'The relay trigger is not running in the n8n process that received this request' });
		}
		const taken = relay.register(checked.chat);
		if (taken !== 'following') return answer(ANSWERS[taken].status, { message: ANSWERS[taken].message });
		return answer(200, { following: checked.chat.chatId, chats: relay.size });
	}

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const parameters = triggerParameters(this, [relayPathProperty, eventsProperty], parametersSchema, { path: this.getNodeParameter('path'), events: this.getNodeParameter('events') }, 'a Relay Path and at least one event');
		// Without a secret nothing could be registered: say so when the workflow is activated, not at the first chat.
		const found = relaySecretOf(await this.getCredentials(servicePatternService.credentialType));
		if ('problem' in found) throw new NodeOperationError(this.getNode(), found.problem, { description: SECRET_HINT });
		const matching = eventFilter(parameters.events);
		const { client, redactor } = await createServiceClient(this, servicePatternService, { timeoutMs: POLL_TIMEOUT_MS });
		const state = this.getWorkflowStaticData('node') as RelayState;
		const lifetime = new Lifetime();
		const outage = new OutageReport(this, redactor, 'ServicePattern Relay Trigger');
		const followed = new Map<string, Promise<void>>();
		// Whole-object assignments: n8n's static data notices those, not changes inside a nested object.
		const remember = (chats: RelayState['chats']) => (state.chats = chats);

		const follow = ({ clientId, chatId, conversationKey }: ChatToFollow) => {
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

		// Nonces taken, kept with the chats: a relay started again (a restart, another main taking over) still refuses a replay.
		const nonces = new Map(Object.entries(state.nonces ?? {}));
		const register = (registration: RelayRegistration): Taken => {
			const now = Date.now();
			for (const [nonce, until] of nonces) if (until < now) nonces.delete(nonce);
			if (nonces.has(registration.nonce)) return 'replayed';
			const known = state.chats?.[registration.chatId];
			if (known && (known.clientId !== registration.clientId || known.conversationKey !== registration.conversationKey)) return 'boundElsewhere';
			const taken = follow(registration);
			if (taken !== 'following') return taken;
			nonces.set(registration.nonce, registration.issuedAt + MAX_AGE_MS);
			while (nonces.size > MAX_NONCES) nonces.delete(nonces.keys().next().value as string);
			state.nonces = Object.fromEntries(nonces);
			return taken;
		};

		for (const [chatId, chat] of Object.entries(state.chats ?? {})) follow({ chatId, ...chat });
		const key = relayKey(this.getWorkflow().id, this.getNode().name);
		const relay = { register, get size() { return followed.size; } };
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
