import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { toNodeError } from '../shared/errors';
import { answerDirectly } from '../shared/webhookAnswer';
import { createServiceClient } from '../shared/service';
import { AGENT_TOOL_HOOKS } from './client';
import { haptikService } from './service';
import { EVENTS, SIGNATURE_HEADER, firstDelivery, isSignedBy, readDelivery } from './webhook';

/** What the trigger keeps between activation and deactivation: the hook URLs it replaced. */
interface HookState extends IDataObject {
	previousHooks?: Record<string, string | undefined>;
}

const hookKey = (hook: { category: string; subcategory: string }) => `${hook.category}/${hook.subcategory}`;

/** Deliveries seen by this process, per workflow and node (see firstDelivery). */
const seenDeliveries = new Map<string, Map<string, number>>();

async function hookClient(context: IHookFunctions) {
	return await createServiceClient(context, haptikService);
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
					'Whether to register this URL for the agent tool’s hooks (messages and conversation states) while the workflow is active, and put back the URLs registered before when it is deactivated. Off: give Haptik the URL yourself.',
			},
			{
				displayName:
					'Set this URL as the bot’s webhook in Haptik (Business Manager → Platform Deployment → Bot API). Requests not signed with the credential’s Webhook Secret (X-Hub-Signature) are refused; each message starts the workflow once, however often Haptik retries it.',
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
				const { client, redactor } = await hookClient(this);
				try {
					const url = this.getNodeWebhookUrl('default');
					const hooks = await client.listHooks();
					return AGENT_TOOL_HOOKS.every((hook) => hooks.some((h) => h.category === hook.category && h.subcategory === hook.subcategory && h.url === url));
				} catch (error) {
					throw toNodeError(this.getNode(), error, 0, redactor);
				}
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerHooks')) return true;
				const { client, redactor } = await hookClient(this);
				try {
					const url = this.getNodeWebhookUrl('default')!;
					const before = await client.listHooks();
					const state = this.getWorkflowStaticData('node') as HookState;
					// What was registered before (another workflow, or production while a test listens), to put back on delete.
					state.previousHooks = Object.fromEntries(
						AGENT_TOOL_HOOKS.map((hook) => [hookKey(hook), before.find((h) => hookKey(h) === hookKey(hook))?.url]).filter(([, previous]) => previous && previous !== url),
					);
					for (const hook of AGENT_TOOL_HOOKS) await client.registerHook(hook.category, hook.subcategory, url);
					return true;
				} catch (error) {
					throw toNodeError(this.getNode(), error, 0, redactor);
				}
			},
			// Haptik documents no way to remove a hook: a hook still pointing here gets back the URL it had before.
			async delete(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerHooks')) return true;
				const state = this.getWorkflowStaticData('node') as HookState;
				const previous = state.previousHooks ?? {};
				if (Object.keys(previous).length === 0) return true;
				const { client, redactor } = await hookClient(this);
				try {
					const url = this.getNodeWebhookUrl('default');
					const now = await client.listHooks();
					for (const hook of AGENT_TOOL_HOOKS) {
						const back = previous[hookKey(hook)];
						if (back && now.find((h) => hookKey(h) === hookKey(hook))?.url === url) await client.registerHook(hook.category, hook.subcategory, back);
					}
					delete state.previousHooks;
					return true;
				} catch (error) {
					throw toNodeError(this.getNode(), error, 0, redactor);
				}
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const answer = (status: number, body: IDataObject) => answerDirectly(this, status, body);
		const credentials = await this.getCredentials('haptikApi');
		const secret = String(credentials.webhookSecret ?? '');
		const request = this.getRequestObject() as { rawBody?: Buffer };
		const rawBody = request.rawBody ?? Buffer.from(JSON.stringify(this.getBodyData()));
		if (!secret) return answer(401, { error: 'Set the Webhook Secret in the Haptik credential: unsigned requests are refused' });
		if (!isSignedBy(secret, rawBody, this.getHeaderData()[SIGNATURE_HEADER])) return answer(401, { error: 'The X-Hub-Signature does not match' });

		const delivery = readDelivery(this.getBodyData(), rawBody);
		const wanted = this.getNodeParameter('events', []) as string[];
		if (!delivery.event || !wanted.includes(delivery.event)) return answer(200, { ignored: true });
		const key = `${this.getWorkflow().id ?? ''}\u0000${this.getNode().name}`;
		const seen = seenDeliveries.get(key) ?? new Map<string, number>();
		seenDeliveries.set(key, seen);
		if (!firstDelivery(seen, this.getWorkflowStaticData('node'), delivery.key, Date.now())) return answer(200, { duplicate: true });
		return { workflowData: [this.helpers.returnJsonArray([{ event: delivery.event, ...delivery.item }])] };
	}
}
