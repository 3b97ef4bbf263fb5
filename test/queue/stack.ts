/**
 * What the queue-mode test and benchmark share: the stack of scripts/queue-stack.cjs, typed, and the
 * workflows they both run.
 */
import type { ChildProcess } from 'node:child_process';

import { parse } from 'flatted';

import { executionsOf } from '../harness/n8n-rest';
import type { Api } from '../harness/n8n-rest';

export interface QueueStack {
	mainUrl: string;
	sandboxUrl: string;
	main: { output: string; child: ChildProcess };
	workers: Array<{ name: string; output: string; child: ChildProcess }>;
	/** `n8n webhook` processes: production webhooks, no triggers. */
	webhookProcesses: Array<{ name: string; url: string; output: string; child: ChildProcess }>;
	api: Api;
	startedInMs: number;
	sql(query: string): string;
	stop(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { startQueueStack } = require('../../scripts/queue-stack.cjs') as {
	startQueueStack(options?: { workers?: number; webhookProcesses?: number; env?: Record<string, string> }): Promise<QueueStack>;
};

/** The error each failed execution of a workflow stopped with. */
export async function failuresOf(api: Api, workflowId: string): Promise<string[]> {
	const failed = (await executionsOf(api, workflowId)).filter((e) => e.status === 'error' || e.status === 'crashed');
	return await Promise.all(
		failed.map(async (execution) => {
			const record = (await api('GET', `/rest/executions/${execution.id}`)).json!.data as { data: string };
			const error = parse(record.data).resultData.error as { message?: string; description?: string } | undefined;
			return `${execution.id}: ${error?.message} (${error?.description ?? ''})`;
		}),
	);
}

/** How many Sobot tokens the sandbox has issued. */
export async function sobotTokenRequests(sandboxUrl: string): Promise<number> {
	const { requests } = (await (await fetch(`${sandboxUrl}/__sandbox/requests`)).json()) as { requests: Array<{ service: string; path: string }> };
	return requests.filter((entry) => entry.service === 'sobot' && entry.path.startsWith('/api/get_token')).length;
}

/** A lookup service: a webhook takes a list of phone numbers and answers with the Sobot customer of each. */
export const lookups = {
	name: 'Queue mode: look up callers in Sobot',
	nodes: [
		{ id: 'l1', name: 'Phones', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'c0ffee00-0000-4000-8000-000000000002', parameters: { httpMethod: 'POST', path: 'sobot-lookups', responseMode: 'lastNode', responseData: 'allEntries', options: {} } },
		{ id: 'l2', name: 'Each Phone', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [200, 0], parameters: { fieldToSplitOut: 'body.phones', options: {} } },
		{
			id: 'l3',
			name: 'Sobot: Find Customer',
			type: 'n8n-nodes-contact-center.sobot',
			typeVersion: 1,
			position: [400, 0],
			parameters: { resource: 'customer', operation: 'find', searchBy: 'phone', value: '={{ $json.phone }}', ifNotFound: 'outputNotFound', requestOptions: { concurrency: 5 } },
			credentials: { sobotApi: { id: 'sbxSobot00000001', name: 'Sandbox Sobot' } },
		},
	],
	connections: {
		Phones: { main: [[{ node: 'Each Phone', type: 'main', index: 0 }]] },
		'Each Phone': { main: [[{ node: 'Sobot: Find Customer', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

