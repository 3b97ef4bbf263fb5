/** Trigger nodes driven the way n8n drives them on activation: webhooks and their lifecycle, and trigger(). */
import { HookContext, TriggerContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	IWebhookData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import { TestCredentialsHelper } from './credentials';
import { loadPackage } from './package';
import { baseAdditionalData } from './additionalData';

export interface TriggerHarness {
	/** The workflow's static data, kept between calls as n8n keeps it between activations. */
	staticData: IDataObject;
	/** Runs a webhook lifecycle method (checkExists, create, delete) as n8n does on activation. */
	lifecycle(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	/** Delivers a request to the trigger's webhook (at `url`, for its query, when given); returns what it answered and the items it started with. */
	deliver(body: unknown, headers?: Record<string, string | string[] | undefined>, raw?: Buffer, url?: string): Promise<{ status?: number; json?: unknown; started?: INodeExecutionData[]; response: IDataObject }>;
	webhookUrl: string;
}

/** An active workflow around a trigger node, as n8n builds it on activation. */
async function activeWorkflow(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	staticData: IDataObject,
	webhookBaseUrl?: string,
	workflowId = 'wf-trigger',
) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const workflow = new Workflow({
		id: workflowId,
		nodes: structuredClone(workflowData.nodes),
		connections: workflowData.connections,
		nodeTypes,
		active: true,
		staticData,
		settings: { executionOrder: 'v1' },
	});
	const node = workflow.getNode(nodeName)!;
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const additionalData = baseAdditionalData({
		credentialsHelper: new TestCredentialsHelper(credentialTypes, structuredClone(credentials)),
		...(webhookBaseUrl ? { webhookBaseUrl } : {}),
	});
	return { workflow, node, nodeType, additionalData };
}

/** A webhook trigger node of a workflow, driven through n8n-core's own HookContext and WebhookContext. */
export async function triggerHarness(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	options: {
		/** The workflow's static data as n8n's database holds it (shared by every n8n process). */
		staticData?: IDataObject;
		/** Where n8n serves production webhooks (`<url>/<webhook id>/<path>`): what the node registers with the service. */
		webhookBaseUrl?: string;
		/** The workflow's ID: what a node remembers per workflow in its process is kept apart by it, as in n8n. */
		workflowId?: string;
	} = {},
): Promise<TriggerHarness> {
	const { workflow, node, nodeType, additionalData } = await activeWorkflow(workflowData, nodeName, credentials, options.staticData ?? {}, options.webhookBaseUrl, options.workflowId);
	const [webhookDescription] = nodeType.description.webhooks!;
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: String(webhookDescription.path),
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	const hooks = () => new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData);
	return {
		staticData: workflow.staticData,
		webhookUrl: hooks().getNodeWebhookUrl('default')!,
		async lifecycle(method) {
			const methods = nodeType.webhookMethods!.default as Record<string, (this: IHookFunctions) => Promise<boolean>>;
			return await methods[method].call(hooks());
		},
		async deliver(body, headers = {}, raw = Buffer.from(JSON.stringify(body)), url) {
			const query = Object.fromEntries(new URL(url ?? '/', 'http://n8n.invalid').searchParams);
			const response: IDataObject = {};
			const res = {
				status(code: number) {
					response.status = code;
					return res;
				},
				json(payload: unknown) {
					response.json = payload as IDataObject;
					return res;
				},
				send(payload: unknown) {
					response.json = payload as IDataObject;
					return res;
				},
				end() {
					return res;
				},
			};
			const data = {
				...additionalData,
				// n8n keeps the request's bytes as rawBody, for signatures over them.
				httpRequest: { body, rawBody: raw, headers: { 'content-type': 'application/json', ...headers }, query, params: {} },
				httpResponse: res,
			} as unknown as IWorkflowExecuteAdditionalData;
			const context = new WebhookContext(workflow, node, data, 'trigger', webhookData, [], null);
			const answer = await nodeType.webhook!.call(context);
			return {
				status: response.status as number | undefined,
				json: response.json,
				started: answer.workflowData?.[0],
				response: (answer.webhookResponse ?? {}) as IDataObject,
			};
		},
	};
}

export interface RunningTrigger {
	/** Each emit: the items one workflow execution would start with. */
	emitted: INodeExecutionData[][];
	/** When each emit happened (performance.now()), for latency measurements. */
	emittedAt: number[];
	/** What emitError received: in n8n, each one tears the trigger down and starts it again. */
	errors: Error[];
	/** What saveFailedExecution received: a failed execution each (and the error workflow), the trigger running on. */
	failedExecutions: Error[];
	staticData: IDataObject;
	/** Resolves with the first `count` emits, or rejects after `timeoutMs`. */
	nextEmits(count: number, timeoutMs?: number): Promise<INodeExecutionData[][]>;
	/** Resolves with the first `count` items emitted, however they were grouped into emits. */
	nextItems(count: number, timeoutMs?: number): Promise<INodeExecutionData[]>;
	close(): Promise<void>;
}

/** Starts a trigger node's trigger() through n8n-core's TriggerContext, as n8n does on activation. */
export async function startTrigger(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	staticData: IDataObject = {},
): Promise<RunningTrigger> {
	const { workflow, node, nodeType, additionalData } = await activeWorkflow(workflowData, nodeName, credentials, staticData);
	const emitted: INodeExecutionData[][] = [];
	const emittedAt: number[] = [];
	const errors: Error[] = [];
	const failedExecutions: Error[] = [];
	const waiters: Array<() => void> = [];
	const emit = (data: INodeExecutionData[][]) => {
		emitted.push(data[0]);
		emittedAt.push(performance.now());
		waiters.splice(0).forEach((wake) => wake());
	};
	const context = new TriggerContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		emit,
		(error: Error) => errors.push(error),
		(error: Error) => failedExecutions.push(error),
	);
	const response = await nodeType.trigger!.call(context);
	const running: RunningTrigger = {
		emitted,
		emittedAt,
		errors,
		failedExecutions,
		staticData: workflow.staticData,
		async nextEmits(count, timeoutMs = 5000) {
			const deadline = Date.now() + timeoutMs;
			while (emitted.length < count) {
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`Only ${emitted.length} of ${count} emits after ${timeoutMs} ms`);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, left);
					waiters.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
			return emitted.slice(0, count);
		},
		async nextItems(count, timeoutMs = 5000) {
			const deadline = Date.now() + timeoutMs;
			// Counted as the emits come: flattening every emit so far at each one was quadratic, and it ran
			// in the trigger's own process, inside the relay's measured latency (bench/RESULTS.md).
			let emits = 0;
			let items = 0;
			for (;;) {
				while (emits < emitted.length) items += emitted[emits++].length;
				if (items >= count) return emitted.slice(0, emits).flat().slice(0, count);
				await running.nextEmits(emits + 1, Math.max(1, deadline - Date.now()));
			}
		},
		close: async () => await response?.closeFunction?.(),
	};
	return running;
}

/**
 * n8n's webhook server for one production webhook, as n8n serves it while the workflow is active:
 * `POST /webhook/<path>` reaches the trigger's webhook(); anything else, or while `active()` is
 * false, gets n8n's 404. Nodes reach it through the instance URL given to runWorkflow.
 */
export async function productionWebhook(harness: TriggerHarness, path: string, active: () => boolean = () => true): Promise<TestServer> {
	return await startServer(async (request) => {
		if (!active() || request.method !== 'POST' || request.path.split('?')[0] !== `/webhook/${path}`) {
			return { status: 404, body: { message: `The requested webhook "POST ${path}" is not registered.` } };
		}
		const answer = await harness.deliver(request.json(), request.headers, request.raw, request.path);
		return { status: answer.status ?? 200, body: answer.json };
	});
}
