/** Runs workflow JSON through n8n's own engine (n8n-core's WorkflowExecute), in process. */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { baseAdditionalData } from './additionalData';
import { useMemoryDeduplication } from './deduplication';
import { loadPackage } from './package';

export interface RunOptions {
	/** Credentials by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items handed to the first node. */
	input?: INodeExecutionData[];
	mode?: 'manual' | 'trigger';
	/** n8n's own address as nodes see it (getInstanceBaseUrl): where the relay's webhook is reached. */
	instanceBaseUrl?: string;
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
	await useMemoryDeduplication();
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
	const additionalData = baseAdditionalData({ credentialsHelper, hooks, ...(options.instanceBaseUrl ? { instanceBaseUrl: options.instanceBaseUrl } : {}) });

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
