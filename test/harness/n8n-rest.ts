/** A real n8n, driven through its REST API as its editor drives it: publishing workflows, reading executions. */
import { parse } from 'flatted';

export type Api = (method: string, route: string, body?: unknown) => Promise<{ status: number; json: { data?: unknown } | null }>;

/** Publishes the workflow named `name`; with `probe`, waits until its production webhook no longer answers 404. */
export async function publishWorkflow(api: Api, name: string, probe?: () => Promise<Response>): Promise<string> {
	const workflows = (await api('GET', '/rest/workflows')).json!.data as Array<{ id: string; name: string }>;
	const workflow = workflows.find((w) => w.name === name);
	if (!workflow) throw new Error(`No workflow named "${name}"`);
	const { versionId } = (await api('GET', `/rest/workflows/${workflow.id}`)).json!.data as { versionId: string };
	const activated = await api('POST', `/rest/workflows/${workflow.id}/activate`, { versionId });
	if (activated.status !== 200) throw new Error(`Publishing "${name}" answered ${activated.status}`);
	// n8n registers a published workflow's webhooks just after answering the publish request.
	if (probe) for (let attempt = 0; (await probe()).status === 404 && attempt < 40; attempt++) await new Promise((resolve) => setTimeout(resolve, 500));
	return workflow.id;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
}

export async function executionsOf(api: Api, workflowId: string): Promise<ExecutionSummary[]> {
	const list = (await api('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`)).json!.data as { results: ExecutionSummary[] };
	// n8n lists the newest first, at most 100 a page: enough for the tests' workflows.
	return list.results.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The items a node output in each successful execution of a workflow, oldest execution first. */
export async function outputsOf<T>(api: Api, workflowId: string, nodeName: string): Promise<T[]> {
	const items: T[] = [];
	for (const execution of (await executionsOf(api, workflowId)).filter((e) => e.status === 'success')) {
		const record = (await api('GET', `/rest/executions/${execution.id}`)).json!.data as { data: string };
		const runData = parse(record.data).resultData.runData as Record<string, Array<{ data: { main: Array<Array<{ json: T }>> } }>>;
		items.push(...(runData[nodeName]?.[0]?.data.main[0] ?? []).map((item) => item.json));
	}
	return items;
}

/** Calls `read` until `done` holds for what it returns, or `timeoutMs` passes; returns the last read. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		value = await read();
	}
	return value;
}
