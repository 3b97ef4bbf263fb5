/**
 * What the benchmarks share: the sandbox in its own process on a free port, the three subjects (the
 * pack's operation and the same call as n8n's HTTP Request node makes it) and CPU/time measuring.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';

import type { INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { accounts } from '../sandbox/accounts';
import { EXAMPLES, NODE_NAME, operationWorkflow, sandboxCredentials } from '../test/harness/operations';
import type { OperationExample } from '../test/harness/operations';
import { runWorkflow } from '../test/harness/workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePorts } = require('../scripts/free-ports.cjs') as { freePorts: (count: number) => Promise<number[]> };

export const ROOT = path.resolve(__dirname, '..');
/** Requests in flight: the pack's default Concurrency, the HTTP Request node's batch size. */
export const CONCURRENCY = 5;

export interface BenchSandbox {
	url: string;
	serviceUrl(service: string): string;
	stop(): void;
}

/** The sandbox (build/sandbox) in its own process, so its CPU is not the measured process's. */
export async function startSandbox(): Promise<BenchSandbox> {
	const [port] = await freePorts(1);
	const url = `http://127.0.0.1:${port}`;
	const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'build/sandbox/cli.js')], { env: { ...process.env, SANDBOX_PORT: String(port) }, stdio: 'ignore' });
	for (let i = 0; i < 100; i++) {
		if (await fetch(`${url}/__sandbox/requests`).then((r) => r.ok, () => false)) {
			return { url, serviceUrl: (service: string) => `${url}/${service}`, stop: () => child.kill() };
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	child.kill();
	throw new Error('The sandbox did not start');
}

/** The middle value; of an even count, the mean of the two middle ones. */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const cpuMs = () => {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
};

/** Wall time and this process's CPU time of one run. */
export async function timed(run: () => Promise<unknown>): Promise<{ ms: number; cpu: number }> {
	const cpu0 = cpuMs();
	const t0 = performance.now();
	await run();
	return { ms: performance.now() - t0, cpu: cpuMs() - cpu0 };
}

/** The same call as the pack's operation, as n8n's HTTP Request node (v4.2) would make it. */
export interface RawCall {
	method: 'GET' | 'POST';
	url: string;
	/** Every header, for undici. */
	headers: Record<string, string>;
	body?: string;
	/** The pack's credential, which the HTTP Request node uses too ("Predefined Credential Type"), and the headers it sets. */
	credentialType: string;
	credentialHeaders: string[];
}

export interface Subject {
	label: string;
	example: OperationExample;
	raw: RawCall;
}

async function sobotToken(sandbox: BenchSandbox): Promise<string> {
	const time = Math.floor(Date.now() / 1000);
	const sign = createHash('md5').update(`${accounts.sobot.appId}${time}${accounts.sobot.appKey}`).digest('hex');
	const answer = (await (await fetch(`${sandbox.url}/sobot/api/get_token?appid=${accounts.sobot.appId}&create_time=${time}&sign=${sign}`)).json()) as { item: { token: string } };
	return answer.item.token;
}

async function hoverJwt(sandbox: BenchSandbox): Promise<string> {
	const answer = await fetch(`${sandbox.url}/hover/api/authenticate`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email: accounts.hover.email, password: accounts.hover.password }),
	});
	return ((await answer.json()) as { auth_token: string }).auth_token;
}

export const example = (service: string, operation: string) => EXAMPLES.find((e) => e.service === service && e.operation === operation)!;

export async function subjects(sandbox: BenchSandbox): Promise<Subject[]> {
	const token = await sobotToken(sandbox);
	const jwt = await hoverJwt(sandbox);
	return [
		{
			label: 'telSpiel Click To Call',
			example: example('telspiel', 'clickToCall'),
			raw: {
				method: 'POST',
				url: `${sandbox.url}/telspiel/api/click-to-call`,
				headers: { 'api-key': accounts.telspiel.apiKey, 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ username: accounts.telspiel.username, agent_phone: '9000000001', customer_phone: '13800000001', campaign_name: 'VIP desk' }),
				credentialType: 'telSpielApi',
				credentialHeaders: ['api-key'],
			},
		},
		{
			label: 'Hover Get Action',
			example: example('hover', 'get'),
			raw: { method: 'GET', url: `${sandbox.url}/hover/api/actions/13ce04ca`, headers: { authorization: jwt, accept: 'application/json' }, credentialType: 'hoverApi', credentialHeaders: ['authorization'] },
		},
		{
			label: 'Sobot Find Customer',
			example: { ...example('sobot', 'find'), parameters: { searchBy: 'customerId', value: 'u-1001' } },
			// The token comes from the node's own cache, not the credential: the HTTP Request node is handed it.
			raw: { method: 'GET', url: `${sandbox.url}/sobot/api/crm/5/user/get_user_by_id?userid=u-1001`, headers: { token, accept: 'application/json', language: 'en' }, credentialType: 'sobotApi', credentialHeaders: ['language'] },
		},
	];
}

/**
 * n8n's HTTP Request node (HttpRequestV3) waits between batches only when the interval is above 0:
 * with batching 5 and interval 0, as here, it sends every item's request at once (10,000 in flight
 * at 10,000 items), while the pack keeps its Concurrency (5) in flight. See bench/RESULTS.md for
 * what that does to CPU per item over sockets, and replayAnswers for the comparison without them.
 */
export function httpRequestWorkflow(raw: RawCall, batchIntervalMs = 0): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	return {
		nodes: [
			{ id: '00000000-0000-4000-8000-000000000001', name: 'Input', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '00000000-0000-4000-8000-000000000002',
				name: NODE_NAME,
				type: 'n8n-nodes-base.httpRequest',
				onError: 'continueRegularOutput' as const,
				typeVersion: 4.2,
				position: [220, 0],
				credentials: { [raw.credentialType]: { id: '1', name: 'Sandbox' } },
				parameters: {
					method: raw.method,
					url: raw.url,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: raw.credentialType,
					sendHeaders: true,
					headerParameters: {
						parameters: Object.entries(raw.headers)
							.filter(([name]) => !raw.credentialHeaders.includes(name))
							.map(([name, value]) => ({ name, value })),
					},
					...(raw.body ? { sendBody: true, specifyBody: 'json', jsonBody: raw.body } : {}),
					options: { batching: { batch: { batchSize: CONCURRENCY, batchInterval: batchIntervalMs } } },
				},
			},
		],
		connections: { Input: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
	};
}

export const items = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, index) => ({ json: { index } }));

/** One run of the pack's node over `input` (at its default Concurrency unless `concurrency` is given); returns how many items failed. */
export async function runPack(sandbox: BenchSandbox, subject: Subject, input: INodeExecutionData[], concurrency?: number): Promise<number> {
	const requestOptions = concurrency === undefined ? {} : { concurrency };
	const result = await runWorkflow(operationWorkflow(subject.example, { continueOnFail: true, requestOptions }), { input, credentials: sandboxCredentials(sandbox) });
	return result.output(NODE_NAME).filter((item) => item.json.error !== undefined).length;
}

/** One run of n8n's HTTP Request node over `input` (paced when `batchIntervalMs` > 0); returns how many items failed. */
export async function runHttpRequestNode(sandbox: BenchSandbox, subject: Subject, input: INodeExecutionData[], batchIntervalMs = 0): Promise<number> {
	const result = await runWorkflow(httpRequestWorkflow(subject.raw, batchIntervalMs), { input, credentials: sandboxCredentials(sandbox) });
	const error = result.error(NODE_NAME);
	if (error) throw new Error(`HTTP Request node: ${error.message} ${String(error.description ?? '')}`);
	return result.output(NODE_NAME).filter((item) => item.json.error !== undefined).length;
}

/** What n8n's OutboundHttp.requests() gives every request helper: the request path and the legacy one. */
export interface OutboundClient {
	request(options: Record<string, unknown>): Promise<unknown>;
	requestLegacy(options: Record<string, unknown>, callbacks?: unknown): Promise<unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the class takes its services from n8n's container
type OutboundHttpClass = (new (...args: any[]) => { requests(options?: unknown): OutboundClient }) & { prototype: { requests(options?: unknown): OutboundClient } };

/** n8n's own OutboundHttp class (@n8n/backend-network, where n8n-core finds it), whose requests() every helper calls. */
export function outboundHttpClass(): OutboundHttpClass {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(require.resolve('@n8n/backend-network', { paths: [require.resolve('n8n-core')] })) as { OutboundHttp: OutboundHttpClass }).OutboundHttp;
}

type FullAnswer = { body: unknown; headers?: Record<string, unknown> } & Record<string, unknown>;
const isFull = (answer: unknown): answer is FullAnswer => !!answer && typeof answer === 'object' && 'statusCode' in answer;
const isStream = (value: unknown): value is Readable => value instanceof Readable;

/** An answer as kept: a streamed body (the HTTP Request node asks for one) read into a buffer. */
async function kept(answer: unknown): Promise<unknown> {
	if (!isFull(answer) || !isStream(answer.body)) return answer;
	const stream = answer.body;
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	// parseIncomingMessage's fields, which n8n reads from a streamed body.
	const { contentType, encoding } = stream as unknown as { contentType?: string; encoding?: string };
	return { ...answer, body: Object.assign(Buffer.concat(chunks), { streamed: { contentType, encoding } }) };
}

/** A fresh copy of a kept answer, a streamed body as a new stream. */
function copyAnswer(answer: unknown): unknown {
	if (!isFull(answer)) return Buffer.isBuffer(answer) ? Buffer.from(answer) : answer;
	const { body } = answer;
	const streamed = (body as { streamed?: { contentType?: string; encoding?: string } } | null)?.streamed;
	const copy = Buffer.isBuffer(body) ? Buffer.from(body) : body;
	return { ...answer, headers: { ...answer.headers }, body: streamed ? Object.assign(Readable.from([copy]), streamed) : copy };
}

/**
 * Replays answers: each distinct request (method, URL, query, body) goes to the sandbox once; later
 * ones get a copy of that answer at once, from n8n's OutboundHttp, the last step both nodes' requests
 * take inside n8n (httpRequestWithAuthentication's request, the HTTP Request node's requestLegacy).
 * Everything before it runs as usual: the engine, the node, n8n's request helpers and the
 * credential. What is left out is the same axios request for both, and the sockets, whose cost
 * depends on how many requests are in flight and on the machine's load more than on either node.
 * Returns the function that turns it off.
 */
export function replayAnswers(): () => void {
	const OutboundHttp = outboundHttpClass();
	const original = OutboundHttp.prototype.requests;
	const answers = new Map<string, Promise<unknown>>();
	const keyOf = (kind: string, options: Record<string, unknown>) =>
		JSON.stringify([kind, options.method ?? 'GET', options.url ?? options.uri, options.baseURL, options.qs, typeof options.body === 'string' ? options.body : JSON.stringify(options.body)]);
	const replayed = (kind: string, options: Record<string, unknown>, send: () => Promise<unknown>) => {
		const key = keyOf(kind, options);
		let answer = answers.get(key);
		if (!answer) {
			answer = send().then(kept);
			answers.set(key, answer);
			answer.catch(() => answers.delete(key));
		}
		return answer.then(copyAnswer);
	};
	OutboundHttp.prototype.requests = function (this: unknown, options?: unknown) {
		const client = original.call(this, options);
		return {
			...client,
			request: (requestOptions: Record<string, unknown>) => replayed('request', requestOptions, () => client.request(requestOptions)),
			requestLegacy: (requestOptions: Record<string, unknown>, callbacks?: unknown) => replayed('legacy', requestOptions, () => client.requestLegacy(requestOptions, callbacks)),
		};
	};
	return () => {
		OutboundHttp.prototype.requests = original;
	};
}
