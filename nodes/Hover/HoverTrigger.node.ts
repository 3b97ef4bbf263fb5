import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { firstDelivery } from '../shared/deliveries';
import type { DeliveryMemory } from '../shared/deliveries';
import { commaSeparated, nonEmptyString } from '../shared/fields';
import { checkWebhookSecret, forgetHeldSecrets, hashOfSecret, matchesHash } from '../shared/registeredSecrets';
import { triggerParameters } from '../shared/triggerParameters';
import { answerDirectly } from '../shared/webhookAnswer';
import { registrationStep } from '../shared/webhookRegistration';
import { resource, toTransaction, transaction } from './schemas';
import { hoverService } from './service';

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

const properties: INodeProperties[] = [
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
];

const STATUSES = ['failed', 'pending', 'succeeded'] as const;

/** Where the webhook secret comes from: Hover's answer when the trigger takes over the app's URL, else the user. */
const sourceInput = z.discriminatedUnion('registerWebhook', [
	z.object({ registerWebhook: z.literal(true), appId: nonEmptyString }),
	z.object({ registerWebhook: z.literal(false), webhookSecret: nonEmptyString }),
]);

const filtersInput = z.object({ statuses: z.array(z.enum(STATUSES)), actionIds: commaSeparated });

type Context = IHookFunctions | IWebhookFunctions;

const sourceValues = (context: Context) =>
	context.getNodeParameter('registerWebhook', false)
		? { registerWebhook: true, appId: context.getNodeParameter('appId', '') }
		: { registerWebhook: false, webhookSecret: context.getNodeParameter('webhookSecret', '') };

const filtersValues = (context: Context) => ({
	statuses: context.getNodeParameter('statuses', []),
	actionIds: context.getNodeParameter('actionIds', ''),
});

const checkedFilters = (context: Context) =>
	triggerParameters(context, properties, filtersInput, filtersValues(context), 'statuses and action IDs it can compare');

/** Checked on activation, so a trigger without an App ID or a secret never goes live. */
function checkedSource(context: IHookFunctions) {
	checkedFilters(context);
	return triggerParameters(context, properties, sourceInput, sourceValues(context), 'an App ID to take over, or the app’s webhook secret');
}

/** Whether a post carries the secret Hover sends; nothing is taken while the trigger has no secret. */
async function isGenuine(context: IWebhookFunctions, received: unknown): Promise<boolean> {
	// Parsed, not read: an empty secret must not match a post whose meta.secret is empty too.
	const source = sourceInput.safeParse(sourceValues(context));
	if (!source.success) return false;
	if (!source.data.registerWebhook) return matchesHash(hashOfSecret(source.data.webhookSecret), received);
	const { appId } = source.data;
	const state = context.getWorkflowStaticData('node') as TriggerState;
	// The app's secret, while the app's webhook URL is this trigger's.
	const { genuine, keep } = await checkWebhookSecret(context, hoverService, { storedHash: state.secretHash, received }, async (client, url) => {
		const app = await client.getApp(appId);
		const secret = app.attributes.webhook_secret;
		return app.webhookUrl === url && typeof secret === 'string' ? [secret] : [];
	});
	if (keep) state.secretHash = keep;
	return genuine;
}

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
		properties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const source = checkedSource(this);
				if (!source.registerWebhook) return true;
				const { appId } = source;
				return await registrationStep(this, hoverService, async (client) => {
					const app = await client.getApp(appId);
					const state = this.getWorkflowStaticData('node') as TriggerState;
					if (app.webhookUrl !== this.getNodeWebhookUrl('default')) return false;
					const secret = app.attributes.webhook_secret;
					if (typeof secret === 'string') state.secretHash = hashOfSecret(secret);
					return !!state.secretHash;
				});
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const source = checkedSource(this);
				if (!source.registerWebhook) return true;
				const { appId } = source;
				return await registrationStep(this, hoverService, async (client) => {
					const state = this.getWorkflowStaticData('node') as TriggerState;
					const before = await client.getApp(appId);
					const after = await client.updateApp(appId, { webhookUrl: this.getNodeWebhookUrl('default') });
					const secret = after.attributes.webhook_secret ?? before.attributes.webhook_secret;
					if (typeof secret !== 'string' || !secret) {
						throw new NodeOperationError(this.getNode(), 'Hover did not show the app’s webhook secret', {
							description: 'Turn off "Take Over the App’s Webhook URL" and enter the secret from the Hover dashboard instead.',
						});
					}
					state.previousWebhookUrl = before.webhookUrl ?? null;
					state.secretHash = hashOfSecret(secret);
					forgetHeldSecrets(this);
					return true;
				});
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				// Not checked: a trigger whose parameters were edited since must still give the URL back.
				if (!this.getNodeParameter('registerWebhook', false)) return true;
				const state = this.getWorkflowStaticData('node') as TriggerState;
				const appId = String(this.getNodeParameter('appId', ''));
				return await registrationStep(this, hoverService, async (client) => {
					const app = await client.getApp(appId);
					// Only undo our own registration: someone may have pointed the app elsewhere since.
					if (app.webhookUrl === this.getNodeWebhookUrl('default')) {
						await client.updateApp(appId, { webhookUrl: state.previousWebhookUrl ?? null });
					}
					delete state.secretHash;
					delete state.previousWebhookUrl;
					forgetHeldSecrets(this);
					return true;
				});
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData() as { meta?: { secret?: unknown }; data?: unknown };
		if (!(await isGenuine(this, body?.meta?.secret))) {
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
		const { statuses, actionIds } = checkedFilters(this);
		const wanted =
			(statuses.length === 0 || statuses.some((status) => status === parsed.data.status)) &&
			(actionIds.length === 0 || actionIds.includes(String(parsed.data.actionId)));
		// Hover only needs to know it was received; an answer other than 2xx could make it post again.
		if (!wanted) return { webhookResponse: { received: true, started: false } };
		if (!firstDelivery(this, `${parsed.data.id}:${parsed.data.status ?? ''}`, DELIVERIES)) {
			return { webhookResponse: { received: true, started: false, duplicate: true } };
		}
		return { workflowData: [this.helpers.returnJsonArray([parsed.data as IDataObject])] };
	}
}
