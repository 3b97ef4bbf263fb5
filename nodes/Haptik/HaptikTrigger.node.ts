import { randomBytes } from 'crypto';

import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkWebhookSecret, forgetHeldSecrets, hashOfSecret, matchesHash } from '../shared/registeredSecrets';
import { answerDirectly } from '../shared/webhookAnswer';
import { registrationStep } from '../shared/webhookRegistration';
import { AGENT_TOOL_HOOKS, CREATE_USER_HOOK } from './client';
import { haptikService } from './service';
import {
	EVENTS,
	HOOK_KEY_PARAMETER,
	SIGNATURE_HEADER,
	firstDelivery,
	hookUrlWithKey,
	isBotApiDelivery,
	isSignedBy,
	readDelivery,
	splitHookUrl,
} from './webhook';

/** What the trigger keeps between activation and deactivation: the hook URLs it replaced, and its hook key's hash (never the key). */
interface HookState extends IDataObject {
	previousHooks?: Record<string, string | undefined>;
	hookKeyHash?: string;
}

type Hook = { category: string; subcategory: string };
const hookKey = (hook: Hook) => `${hook.category}/${hook.subcategory}`;

/** Deliveries seen by this process, per workflow and node (see firstDelivery). */
const seenDeliveries = new Map<string, Map<string, number>>();

/** The agent tool hooks this trigger registers: Create User only when its event is chosen (Haptik then waits for the answer). */
function hooksFor(context: IHookFunctions): Hook[] {
	const events = context.getNodeParameter('events', []) as string[];
	return [...AGENT_TOOL_HOOKS, ...(events.includes('agentToolUserCreated') ? [CREATE_USER_HOOK] : [])];
}

/** Whether a registered hook URL is this trigger's (its webhook URL, whatever key it carries). */
const pointsHere = (registered: string | undefined, url: string) => registered !== undefined && splitHookUrl(registered).base === splitHookUrl(url).base;

function parsedOrNothing(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return undefined;
	}
}

export class HaptikTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Haptik Trigger',
		name: 'haptikTrigger',
		icon: { light: 'file:haptik.svg', dark: 'file:haptik.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on Haptik bot replies and on chats handed to your agent tool',
		defaults: { name: 'Haptik Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'haptikApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'haptik' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENTS.map((event) => ({ ...event })),
				default: ['botMessage'],
				required: true,
				description: 'Start the workflow for these; Haptik’s other deliveries are answered and ignored',
			},
			{
				displayName: 'Register With the Agent Tool API',
				name: 'registerHooks',
				type: 'boolean',
				default: false,
				description:
					'Whether to register this URL, with a secret of its own, for the agent tool’s hooks (messages and conversation states) while the workflow is active, and put back the URLs registered before when it is deactivated. Needs the credential’s agent tool sign-in. Off: give Haptik the URL yourself.',
			},
			{
				displayName: 'Agent Tool Hooks Check',
				name: 'agentToolCheck',
				type: 'options',
				options: [
					{
						name: 'Secret in the Hook URL',
						value: 'urlSecret',
						description: 'The URL registered on activation carries a random secret; hooks without it are refused (needs Register With the Agent Tool API)',
					},
					{
						name: 'X-Hub-Signature',
						value: 'signature',
						description: 'Signed with the credential’s Webhook Secret, like the Bot API webhook: choose only if Haptik confirms it signs your agent tool hooks',
					},
				],
				default: 'urlSecret',
				description: 'How the agent tool’s hooks are told from forgeries. Haptik documents no signature for them, so by default the trigger registers its URL with a secret of its own.',
			},
			{
				displayName:
					'The agent tool’s hooks are refused (401) until the trigger registers them itself: turn on Register With the Agent Tool API, or choose the X-Hub-Signature check if Haptik signs them. The Bot API webhook is not affected.',
				name: 'agentToolCheckNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registerHooks: [false], agentToolCheck: ['urlSecret'] } },
			},
			{
				displayName:
					'Set this URL as the bot’s webhook in Haptik (Business Manager → Platform Deployment → Bot API). Its deliveries must carry the X-Hub-Signature of the credential’s Webhook Secret; others are answered 401 and start nothing. With a wrong secret in the credential Haptik retries each message for an hour, then disables the webhook: correct the secret, then run Haptik → Webhook → Re-enable Webhook, and Haptik delivers what it queued meanwhile (up to 60 minutes). Each message starts the workflow once, however often Haptik sends it.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerHooks')) return true;
				return await registrationStep(this, haptikService, async (client) => {
					const url = this.getNodeWebhookUrl('default')!;
					const state = this.getWorkflowStaticData('node') as HookState;
					const hooks = await client.listHooks();
					return hooksFor(this).every((hook) => {
						const registered = hooks.find((h) => hookKey(h) === hookKey(hook))?.url;
						return pointsHere(registered, url) && matchesHash(state.hookKeyHash, splitHookUrl(registered!).key);
					});
				});
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerHooks')) return true;
				return await registrationStep(this, haptikService, async (client) => {
					const url = this.getNodeWebhookUrl('default')!;
					const before = await client.listHooks();
					const state = this.getWorkflowStaticData('node') as HookState;
					const hooks = hooksFor(this);
					// What was registered before (another workflow, or production while a test listens), to put back on delete.
					state.previousHooks = Object.fromEntries(
						hooks.map((hook) => [hookKey(hook), before.find((h) => hookKey(h) === hookKey(hook))?.url]).filter(([, previous]) => previous && !pointsHere(previous, url)),
					);
					// A new secret per activation, kept only as its hash: the URL Haptik calls is the only place it is written.
					const key = randomBytes(24).toString('base64url');
					forgetHeldSecrets(this);
					for (const hook of hooks) await client.registerHook(hook.category, hook.subcategory, hookUrlWithKey(url, key));
					state.hookKeyHash = hashOfSecret(key);
					return true;
				});
			},
			// Haptik documents no way to remove a hook: a hook still pointing here gets back the URL it had before.
			async delete(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerHooks')) return true;
				const state = this.getWorkflowStaticData('node') as HookState;
				const previous = state.previousHooks ?? {};
				delete state.hookKeyHash;
				forgetHeldSecrets(this);
				if (Object.keys(previous).length === 0) return true;
				return await registrationStep(this, haptikService, async (client) => {
					const url = this.getNodeWebhookUrl('default')!;
					const now = await client.listHooks();
					for (const hook of hooksFor(this)) {
						const back = previous[hookKey(hook)];
						if (back && pointsHere(now.find((h) => hookKey(h) === hookKey(hook))?.url, url)) await client.registerHook(hook.category, hook.subcategory, back);
					}
					delete state.previousHooks;
					return true;
				});
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData();
		const request = this.getRequestObject() as { rawBody?: Buffer };
		const rawBody = request.rawBody ?? Buffer.from(JSON.stringify(body));
		// A body n8n did not parse (another content type) is still told by its shape, so a signed Bot API
		// delivery is checked by its signature, not taken for an agent tool hook.
		const bot = isBotApiDelivery(body) || isBotApiDelivery(parsedOrNothing(rawBody));
		// A delivery that is not genuine is answered 401, not 200: Haptik then retries it (for the Bot API
		// webhook, for an hour, then disables the webhook and queues what follows), so a secret mistyped in
		// n8n loses nothing once it is corrected and the webhook re-enabled. A 200 would drop each message
		// unseen by Haptik and by n8n alike.
		const refuse = (reason: string) => {
			this.logger.warn(`Haptik Trigger refused a ${bot ? 'Bot API webhook' : 'agent tool hook'} delivery: ${reason}`, { workflowId: this.getWorkflow().id, node: this.getNode().name });
			return answerDirectly(this, 401, { error: reason });
		};
		const check = bot ? 'signature' : (this.getNodeParameter('agentToolCheck', 'urlSecret') as string);
		if (check === 'signature') {
			const secret = String((await this.getCredentials('haptikApi')).webhookSecret ?? '');
			if (!secret) return refuse('Set the Webhook Secret in the Haptik credential: unsigned requests are refused');
			if (!isSignedBy(secret, rawBody, this.getHeaderData()[SIGNATURE_HEADER])) return refuse('The X-Hub-Signature does not match');
		} else {
			if (!this.getNodeParameter('registerHooks', false)) {
				return refuse('This trigger registered no agent tool hooks: turn on Register With the Agent Tool API, or choose X-Hub-Signature as the agent tool hooks check');
			}
			const state = this.getWorkflowStaticData('node') as HookState;
			const received = (this.getQueryData() as IDataObject)[HOOK_KEY_PARAMETER];
			// Haptik holds one URL per hook: the keys of those that point here.
			const { genuine, keep } = await checkWebhookSecret(this, haptikService, { storedHash: state.hookKeyHash, received }, async (client, url) =>
				(await client.listHooks()).filter((hook) => pointsHere(hook.url, url)).map((hook) => splitHookUrl(hook.url).key ?? ''),
			);
			if (!genuine) return refuse('The hook URL’s secret does not match the one this trigger registered');
			if (keep) state.hookKeyHash = keep;
		}

		const delivery = readDelivery(body, rawBody);
		// Haptik waits for the agent tool's acknowledgement of a user it asks it to create (sources.md#haptik-tract-create-user-hook).
		const acknowledgement: IDataObject = delivery.event === 'agentToolUserCreated' ? { success: true } : {};
		const wanted = this.getNodeParameter('events', []) as string[];
		if (!delivery.event || !wanted.includes(delivery.event)) return answerDirectly(this, 200, { ...acknowledgement, ignored: true });
		const key = `${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`;
		const seen = seenDeliveries.get(key) ?? new Map<string, number>();
		seenDeliveries.set(key, seen);
		if (!firstDelivery(seen, this.getWorkflowStaticData('node'), delivery.key, Date.now())) return answerDirectly(this, 200, { ...acknowledgement, duplicate: true });
		return {
			workflowData: [this.helpers.returnJsonArray([{ event: delivery.event, ...delivery.item }])],
			...(delivery.event === 'agentToolUserCreated' ? { webhookResponse: acknowledgement } : {}),
		};
	}
}
