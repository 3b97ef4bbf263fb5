/**
 * Executes workflow JSON through n8n's own engine (n8n-core's WorkflowExecute), in process, the way
 * n8n's nodes-base tests do (packages/core/nodes-testing in n8n-io/n8n, which is not published, so its
 * few pieces are re-created here). The package's nodes and credentials are loaded from dist/ by n8n's
 * own PackageDirectoryLoader, exactly as n8n loads an installed community package.
 */
import 'reflect-metadata';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Container } from '@n8n/di';

import {
	BinaryDataService,
	ExecuteContext,
	ExecutionLifecycleHooks,
	HookContext,
	PackageDirectoryLoader,
	RoutingNode,
	TriggerContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	isExpression,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHookFunctions,
	IHttpRequestOptions,
	IWebhookData,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	INodeTypeData,
} from 'n8n-workflow';

export const PACKAGE_DIR = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-contact-center';

/** A few of n8n's own nodes, to put around ours in test workflows. */
const BASE_NODES: Record<string, string> = {
	'n8n-nodes-base.noOp': 'n8n-nodes-base/dist/nodes/NoOp/NoOp.node.js',
	'n8n-nodes-base.manualTrigger': 'n8n-nodes-base/dist/nodes/ManualTrigger/ManualTrigger.node.js',
	'n8n-nodes-base.webhook': 'n8n-nodes-base/dist/nodes/Webhook/Webhook.node.js',
	'n8n-nodes-base.respondToWebhook': 'n8n-nodes-base/dist/nodes/RespondToWebhook/RespondToWebhook.node.js',
	'n8n-nodes-base.if': 'n8n-nodes-base/dist/nodes/If/If.node.js',
	'n8n-nodes-base.filter': 'n8n-nodes-base/dist/nodes/Filter/Filter.node.js',
	'n8n-nodes-base.set': 'n8n-nodes-base/dist/nodes/Set/Set.node.js',
	'n8n-nodes-base.scheduleTrigger': 'n8n-nodes-base/dist/nodes/Schedule/ScheduleTrigger.node.js',
	'n8n-nodes-base.stickyNote': 'n8n-nodes-base/dist/nodes/StickyNote/StickyNote.node.js',
	'n8n-nodes-base.httpRequest': 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
};

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	packageNodeTypes: INodeTypeData;
}

let loaded: Promise<LoadedPackage> | undefined;
let binaryData: Promise<BinaryDataService> | undefined;

/** n8n's binary data store in filesystem mode, in a temporary folder: binary items get IDs and stream, as in n8n. */
export function binaryDataService(): Promise<BinaryDataService> {
	binaryData ??= (async () => {
		const quiet = { error() {}, warn() {}, info() {}, debug() {} };
		const config = {
			mode: 'filesystem',
			availableModes: ['filesystem'],
			localStoragePath: mkdtempSync(path.join(tmpdir(), 'n8n-binary-')),
			signingSecret: 'test-signing-secret',
			dbMaxFileSize: 0,
		};
		const service = new BinaryDataService(config as never, quiet as never, quiet as never);
		await service.init();
		Container.set(BinaryDataService, service);
		return service;
	})();
	return binaryData;
}

/** Puts a file into the binary data store, as an upstream node would; returns the item's binary entry. */
export async function storedBinary(content: Buffer, fileName: string, mimeType: string) {
	const service = await binaryDataService();
	return await service.store({ type: 'execution', workflowId: 'test', executionId: '1' }, content, {
		data: '',
		mimeType,
		fileName,
	});
}

async function load(): Promise<LoadedPackage> {
	await binaryDataService();
	const loader = new PackageDirectoryLoader(PACKAGE_DIR);
	await loader.loadAll();
	const all: INodeTypeData = {};
	for (const [name, data] of Object.entries(loader.nodeTypes)) all[`${PACKAGE_NAME}.${name}`] = data;
	for (const [name, file] of Object.entries(BASE_NODES)) {
		const module = require(file) as Record<string, new () => INodeType>;
		const NodeClass = Object.values(module)[0];
		all[name] = { type: new NodeClass(), sourcePath: file };
	}
	const nodeTypes: INodeTypes = {
		getByName: (type: string): INodeType | IVersionedNodeType => {
			if (!all[type]) throw new Error(`Unknown node type ${type}`);
			return all[type].type;
		},
		getByNameAndVersion: (type: string, version?: number) =>
			NodeHelpers.getVersionedNodeType(nodeTypes.getByName(type), version),
		getKnownTypes: () => ({}),
	};
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const [name, data] of Object.entries(loader.credentialTypes)) credentialTypes[name] = data.type;
	return { nodeTypes, credentialTypes, packageNodeTypes: loader.nodeTypes };
}

export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= load();
	return loaded;
}

/**
 * Stands in for n8n's credential store: returns test credentials by type and authenticates
 * requests the way the n8n CLI's CredentialsHelper does, including generic `authenticate`
 * (expressions resolved with $credentials) and `preAuthentication` for expirable fields.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties() {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialTypes[typeName];
		const { authenticate } = type;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value: unknown) =>
			isExpression(value)
				? workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		const options = requestOptions as unknown as Record<string, IDataObject>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			options[outerKey] ??= {};
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				options[outerKey][resolve(key) as string] = resolve(value) as IDataObject[string];
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		Object.assign(this.credentials[typeName], output);
		return output;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (!this.credentials[type]) throw new Error(`No test credentials of type ${type}`);
		return { ...this.credentials[type] };
	}

	async getCredentials(): Promise<never> {
		throw new Error('Not available in tests');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}

/** What n8n's WorkflowExecuteAdditionalData.getBase provides, minus the database. */
function baseAdditionalData(overrides: Partial<IWorkflowExecuteAdditionalData>): IWorkflowExecuteAdditionalData {
	return {
		executionId: '1',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		currentNodeParameters: undefined,
		variables: {},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in tests');
		},
		...overrides,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	/** Credentials by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items handed to the first node. */
	input?: INodeExecutionData[];
	mode?: 'manual' | 'trigger';
}

export interface RunResult {
	run: IRun;
	/** What Respond to Webhook nodes answered. */
	responses: IDataObject[];
	/** The first output of each node's last run. */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node stopped with, if any. */
	error(nodeName: string): (Error & { description?: string; context?: IDataObject; httpCode?: string }) | undefined;
}

/** Runs a workflow (as exported from n8n's editor) through n8n's WorkflowExecute. */
export async function runWorkflow(workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>, options: RunOptions = {}): Promise<RunResult> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const workflow = new Workflow({
		id: 'test',
		name: 'test',
		nodes: structuredClone(workflowData.nodes),
		connections: workflowData.connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', '1', {
		id: 'test',
		name: 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase);
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	const responses: IDataObject[] = [];
	hooks.addHandler('sendResponse', (response) => {
		responses.push(response as unknown as IDataObject);
	});

	const credentialsHelper = new TestCredentialsHelper(credentialTypes, structuredClone(options.credentials ?? {}));
	const additionalData = baseAdditionalData({ credentialsHelper, hooks });

	// The input items go to the node nothing connects into (n8n's getStartNode only knows triggers).
	const targets = new Set(
		Object.values(workflowData.connections).flatMap((outputs) =>
			Object.values(outputs).flatMap((byIndex) => (byIndex ?? []).flatMap((list) => (list ?? []).map((c) => c.node))),
		),
	);
	const startNode = workflow.getStartNode() ?? Object.values(workflow.nodes).find((node) => !targets.has(node.name));
	if (!startNode) throw new Error('The workflow has no start node');
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	return {
		run,
		responses,
		output(nodeName) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs) {
				const failures = Object.entries(run.data.resultData.runData)
					.filter(([, nodeRuns]) => nodeRuns.some((r) => r.error))
					.map(([name, nodeRuns]) => `${name}: ${nodeRuns.find((r) => r.error)?.error?.message} (${nodeRuns.find((r) => r.error)?.error?.description ?? ''})`);
				throw new Error(`Node "${nodeName}" did not run. ${failures.join('; ')}`);
			}
			return runs[runs.length - 1].data?.main[0] ?? [];
		},
		error(nodeName) {
			const runs = run.data.resultData.runData[nodeName];
			return runs?.[runs.length - 1].error as ReturnType<RunResult['error']>;
		},
	};
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The credential's Test button, done the way n8n's CredentialsTester does it (n8n/dist/services/
 * credentials-tester.service.js): a temporary node whose only property routes the credential's test
 * request, run by n8n-core's RoutingNode, then the test's rules applied to the outcome.
 */
export async function testCredential(typeName: string, data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const { credentialTypes } = await loadPackage();
	const testRequest = credentialTypes[typeName].test;
	if (!testRequest) throw new Error(`${typeName} has no test`);
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [typeName]: { id: 'temp', name: 'temp' } },
	};
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	} as unknown as INodeType;
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = baseAdditionalData({
		credentialsHelper: new TestCredentialsHelper(credentialTypes, { [typeName]: data }),
		currentNodeParameters: node.parameters,
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, { id: 'temp', name: 'temp', type: typeName, data });
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const status = (error as { cause?: { response?: { status: number } } }).cause?.response?.status;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'Error', message: status ? `Received HTTP status code: ${status}` : (error as Error).message };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json ?? {};
			if ((body as IDataObject)[rule.properties.key] === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

export interface TriggerHarness {
	/** The workflow's static data, kept between calls as n8n keeps it between activations. */
	staticData: IDataObject;
	/** Runs a webhook lifecycle method (checkExists, create, delete) as n8n does on activation. */
	lifecycle(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	/** Delivers a request to the trigger's webhook; returns what it answered and the items it started with. */
	deliver(body: unknown): Promise<{ status?: number; json?: unknown; started?: INodeExecutionData[]; response: IDataObject }>;
	webhookUrl: string;
}

/** An active workflow around a trigger node, as n8n builds it on activation. */
async function activeWorkflow(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	staticData: IDataObject,
) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const workflow = new Workflow({
		id: 'wf-trigger',
		nodes: structuredClone(workflowData.nodes),
		connections: workflowData.connections,
		nodeTypes,
		active: true,
		staticData,
		settings: { executionOrder: 'v1' },
	});
	const node = workflow.getNode(nodeName)!;
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const additionalData = baseAdditionalData({ credentialsHelper: new TestCredentialsHelper(credentialTypes, structuredClone(credentials)) });
	return { workflow, node, nodeType, additionalData };
}

/** A webhook trigger node of a workflow, driven through n8n-core's own HookContext and WebhookContext. */
export async function triggerHarness(
	workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
	nodeName: string,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
): Promise<TriggerHarness> {
	const staticData: IDataObject = {};
	const { workflow, node, nodeType, additionalData } = await activeWorkflow(workflowData, nodeName, credentials, staticData);
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
		async deliver(body) {
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
				httpRequest: { body, headers: { 'content-type': 'application/json' }, query: {}, params: {} },
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
	errors: Error[];
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
	const errors: Error[] = [];
	const waiters: Array<() => void> = [];
	const emit = (data: INodeExecutionData[][]) => {
		emitted.push(data[0]);
		waiters.splice(0).forEach((wake) => wake());
	};
	const context = new TriggerContext(workflow, node, additionalData, 'trigger', 'activate', emit, (error: Error) => errors.push(error));
	const response = await nodeType.trigger!.call(context);
	return {
		emitted,
		errors,
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
			for (let emits = 1; ; emits++) {
				const items = (await this.nextEmits(emits, Math.max(1, deadline - Date.now()))).flat();
				if (items.length >= count) return items.slice(0, count);
			}
		},
		close: async () => await response?.closeFunction?.(),
	};
}
