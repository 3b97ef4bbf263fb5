import { createHash, timingSafeEqual } from 'crypto';

import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';

import { firstDelivery } from '../shared/deliveries';
import type { DeliveryMemory } from '../shared/deliveries';
import { answerDirectly } from '../shared/webhookAnswer';
import { registrationStep } from '../shared/webhookRegistration';
import { resource, toTransaction, transaction } from './schemas';
import { hoverService } from './service';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * Transactions seen, by ID and status: a transaction Hover delivers again is the same event, one
 * whose status changed (pending → succeeded) a new one (sources.md#hover-webhooks). Hover documents
 * no retry schedule; remembering three days is a guess, kept here only.
 */
const DELIVERIES: DeliveryMemory = { rememberMs: 3 * 24 * 60 * 60 * 1000, maxRemembered: 2000 };

/** What the trigger keeps between activations: never the secret itself, only its hash. */
interface TriggerState extends IDataObject {
	secretHash?: string;
	previousWebhookUrl?: string | null;
}

const appIdOf = (context: IHookFunctions) => String(context.getNodeParameter('appId'));

export class HoverTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hover Trigger',
		name: 'hoverTrigger',
		icon: { light: 'file:hover.svg', dark: 'file:hover.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["registerWebhook"] ? "app " + $parameter["appId"] : "webhook"}}',
		description: 'Starts the workflow when Hover reports a transaction of your app',
		defaults: { name: 'Hover Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hoverApi', required: true, displayOptions: { show: { registerWebhook: [true] } } }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'hover' }],
		properties: [
			{
				displayName: 'Take Over the App’s Webhook URL',
				name: 'registerWebhook',
				type: 'boolean',
				default: false,
				description:
					'Whether to point the app’s webhook URL at this workflow while it is active, and put the previous URL back when it is deactivated. Off: set the URL in Hover yourself and enter the app’s webhook secret.',
			},
			{
				displayName:
					'Hover keeps one webhook URL per app. While this workflow is active, and while you listen for a test event, the app’s transactions come here only: any backend at the previous URL receives none until the workflow is deactivated.',
				name: 'takeOverNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registerWebhook: [true] } },
			},
			{
				displayName: 'App ID',
				name: 'appId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 43120',
				displayOptions: { show: { registerWebhook: [true] } },
			},
			{
				displayName: 'Webhook Secret',
				name: 'webhookSecret',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				displayOptions: { show: { registerWebhook: [false] } },
				description: 'The app’s webhook secret, shown in the Hover dashboard and by the Hover node’s App → Get',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Failed', value: 'failed' },
					{ name: 'Pending', value: 'pending' },
					{ name: 'Succeeded', value: 'succeeded' },
				],
				default: ['succeeded', 'failed'],
				description:
					'Start only for transactions with these statuses; none chosen means every update. By default a transaction starts the workflow when it completes, not while it is pending.',
			},
			{
				displayName: 'Action IDs',
				name: 'actionIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 13ce04ca, a1b2c3d4',
				description: 'Start only for transactions of these actions (public IDs, separated by commas); empty means every action',
			},
			{
				displayName:
					'Hover posts a transaction each time it is created or updated (for example when an SMS reply is parsed), sometimes days later: phones may be offline. Requests whose meta.secret is not the app’s webhook secret are refused. Each transaction starts the workflow once per status, however often Hover posts it.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerWebhook')) return true;
				const appId = appIdOf(this);
				return await registrationStep(this, hoverService, async (client) => {
					const app = await client.getApp(appId);
					const state = this.getWorkflowStaticData('node') as TriggerState;
					if (app.webhookUrl !== this.getNodeWebhookUrl('default')) return false;
					const secret = app.attributes.webhook_secret;
					if (typeof secret === 'string') state.secretHash = sha256(secret).toString('hex');
					return !!state.secretHash;
				});
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const appId = appIdOf(this);
				return await registrationStep(this, hoverService, async (client) => {
					const state = this.getWorkflowStaticData('node') as TriggerState;
					const before = await client.getApp(appId);
					const after = await client.updateApp(appId, { webhookUrl: this.getNodeWebhookUrl('default') });
					const secret = after.attributes.webhook_secret ?? before.attributes.webhook_secret;
					if (typeof secret !== 'string' || !secret) {
						throw new NodeOperationError(this.getNode(), 'Hover did not show the app’s webhook secret', {
							description: 'Turn off "Set as the App’s Webhook" and enter the secret from the Hover dashboard instead.',
						});
					}
					state.previousWebhookUrl = before.webhookUrl ?? null;
					state.secretHash = sha256(secret).toString('hex');
					return true;
				});
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				if (!this.getNodeParameter('registerWebhook')) return true;
				const state = this.getWorkflowStaticData('node') as TriggerState;
				const appId = appIdOf(this);
				return await registrationStep(this, hoverService, async (client) => {
					const app = await client.getApp(appId);
					// Only undo our own registration: someone may have pointed the app elsewhere since.
					if (app.webhookUrl === this.getNodeWebhookUrl('default')) {
						await client.updateApp(appId, { webhookUrl: state.previousWebhookUrl ?? null });
					}
					delete state.secretHash;
					delete state.previousWebhookUrl;
					return true;
				});
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData() as { meta?: { secret?: unknown }; data?: unknown };
		const expected = this.getNodeParameter('registerWebhook')
			? (this.getWorkflowStaticData('node') as TriggerState).secretHash
			: sha256(String(this.getNodeParameter('webhookSecret'))).toString('hex');
		const received = body?.meta?.secret;
		const genuine =
			typeof expected === 'string' &&
			expected.length === 64 &&
			typeof received === 'string' &&
			timingSafeEqual(sha256(received), Buffer.from(expected, 'hex'));
		if (!genuine) {
			return answerDirectly(this, 401, { error: 'The webhook secret does not match' });
		}

		const data = resource.safeParse(body.data);
		if (!data.success) {
			throw new NodeApiError(this.getNode(), { body: body.data ?? null } as JsonObject, {
				message: 'Hover posted something that is not a transaction',
			});
		}
		const parsed = transaction.safeParse(toTransaction(data.data));
		if (!parsed.success) {
			throw new NodeApiError(this.getNode(), { body: body.data ?? null } as JsonObject, {
				message: 'Hover posted a transaction in an unexpected shape',
			});
		}
		const statuses = this.getNodeParameter('statuses', []) as string[];
		const actionIds = String(this.getNodeParameter('actionIds', ''))
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		const wanted =
			(statuses.length === 0 || statuses.includes(String(parsed.data.status))) &&
			(actionIds.length === 0 || actionIds.includes(String(parsed.data.actionId)));
		// Hover only needs to know it was received; an answer other than 2xx could make it post again.
		if (!wanted) return { webhookResponse: { received: true, started: false } };
		if (!firstDelivery(this, `${parsed.data.id}:${parsed.data.status ?? ''}`, DELIVERIES)) {
			return { webhookResponse: { received: true, started: false, duplicate: true } };
		}
		return { workflowData: [this.helpers.returnJsonArray([parsed.data as IDataObject])] };
	}
}
