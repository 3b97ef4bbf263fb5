/**
 * Every operation against every fault the sandbox can inject, through n8n's engine: each ends in a
 * clear error (or succeeds after a permitted retry), nothing hangs past the timeout, Continue On Fail
 * keeps N items in = N items out in order, a request with side effects is never sent twice, and no
 * secret appears in any error, output or log line.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { accounts } from '../../sandbox/accounts';
import { startSandbox } from '../../sandbox/main';
import type { Fault, Sandbox } from '../../sandbox/main';
import { storedBinary } from '../harness/package';
import { runWorkflow } from '../harness/workflow';
import { EXAMPLES, NODE_NAME, exampleName, isAuthPath, operationOf, operationWorkflow, sandboxCredentials } from '../harness/operations';
import type { OperationExample } from '../harness/operations';

const TIMEOUT_MS = 1000;
const ITEMS = 2;

/** What the error of each fault must say. */
const FAULTS: Array<{ fault: Fault; expected: RegExp; options?: Record<string, number>; timeoutMs?: number }> = [
	{ fault: 'delay', expected: /did not answer within 1 s/, options: { delayMs: TIMEOUT_MS + 600 } },
	{ fault: 'reset', expected: /could not be reached|socket hang up|ECONNRESET/i },
	{ fault: 'rateLimit', expected: /HTTP 429|Too many requests/i, options: { retryAfterSeconds: 0 } },
	{ fault: 'serverError', expected: /HTTP 500|Internal server error/i },
	{ fault: 'unavailable', expected: /HTTP 503/, options: { retryAfterSeconds: 0 } },
	// A sign-in or token fetch meets the fault first, and says so.
	{ fault: 'malformedJson', expected: /not JSON|sign-in|token/ },
	{ fault: 'htmlError', expected: /(telSpiel|Sobot|Hover|ServicePattern|Haptik) answered with HTTP 502 and an HTML page|sign-in|token/ },
	{ fault: 'emptyBody', expected: /empty|no answer|Expected|not match|missing|required|sign-in|token/i },
	// This one is about the answer's shape, not time: reading 50 MB, four lanes at once on a loaded CI machine,
	// can take longer than a second, and a timeout would hide what the node says about the body.
	{ fault: 'hugeBody', expected: /Expected|not match|missing|required|unexpected|could not be read|sign-in|token/i, timeoutMs: 15 * TIMEOUT_MS },
];


interface Lane {
	example: OperationExample;
	sandbox: Sandbox;
}

const logged: string[] = [];
const seen: string[] = [];
let lanes: Lane[];

beforeAll(async () => {
	LoggerProxy.init({
		error: (message: string, meta?: object) => logged.push(`${message} ${JSON.stringify(meta ?? {})}`),
		warn: (message: string, meta?: object) => logged.push(`${message} ${JSON.stringify(meta ?? {})}`),
		info: (message: string, meta?: object) => logged.push(`${message} ${JSON.stringify(meta ?? {})}`),
		debug: (message: string, meta?: object) => logged.push(`${message} ${JSON.stringify(meta ?? {})}`),
		scoped: () => LoggerProxy,
	} as unknown as Parameters<typeof LoggerProxy.init>[0]);
	// Its own sandbox per operation, so each operation's request log is its own.
	lanes = await Promise.all(EXAMPLES.map(async (example) => ({ example, sandbox: await startSandbox() })));
});
afterAll(async () => await Promise.all(lanes.map((lane) => lane.sandbox.close())));

async function items(example: OperationExample, count: number): Promise<INodeExecutionData[]> {
	return await Promise.all(
		Array.from({ length: count }, async (_, index) =>
			example.file
				? { json: { index }, binary: { data: await storedBinary(example.file.content, example.file.fileName, example.file.mimeType) } }
				: { json: { index } },
		),
	);
}

/** The request timeout of every run but the delay fault's: time enough for a loaded 2-core machine. */
const ROOMY_TIMEOUT_MS = 5 * TIMEOUT_MS;

async function runLane(lane: Lane, count: number, timeoutMs = ROOMY_TIMEOUT_MS) {
	const { example, sandbox } = lane;
	const started = Date.now();
	const result = await runWorkflow(operationWorkflow(example, { continueOnFail: true, requestOptions: { timeout: timeoutMs } }), {
		input: await items(example, count),
		credentials: sandboxCredentials(sandbox, { servicePatternVersion: example.apiVersion ?? 'v1' }),
	});
	const output = result.output(NODE_NAME);
	seen.push(JSON.stringify(output.map((item) => item.json)), result.error(NODE_NAME)?.message ?? '', String(result.error(NODE_NAME)?.description ?? ''));
	return { output, elapsed: Date.now() - started };
}

async function arm(sandbox: Sandbox, fault: Fault, options: Record<string, number> = {}, count = 1_000_000) {
	await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
	await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ fault, count, ...options }) });
	sandbox.log.length = 0;
}

const name = exampleName;
/** Requests that can do something: not reads, not sign-ins. */
const effectful = (sandbox: Sandbox) => sandbox.log.filter((entry) => entry.method !== 'GET' && !isAuthPath(entry.path));

// Only the delay fault is about the request timeout; for the others a 1 s timeout on a loaded 2-core
// machine turned a slow answer into a timeout and hid what the node says about the fault itself.
describe.each(FAULTS)('every operation when the service fails with $fault', ({ fault, expected, options, timeoutMs = fault === 'delay' ? TIMEOUT_MS : ROOMY_TIMEOUT_MS }) => {
	test('each item ends in a clear error in its place; side effects are sent at most once', async () => {
		const count = fault === 'hugeBody' ? 1 : ITEMS;
		const problems: string[] = [];
		// Every lane at once (they mostly wait on timers), but only a few 50 MB answers at a time.
		const queue = [...lanes];
		const workers = Array.from({ length: fault === 'hugeBody' ? 4 : lanes.length }, async () => {
			for (let lane = queue.shift(); lane; lane = queue.shift()) {
				await arm(lane.sandbox, fault, options);
				const { output, elapsed } = await runLane(lane, count, timeoutMs);
				const operation = operationOf(lane.example);
				if (output.length !== count) problems.push(`${name(lane.example)}: ${output.length} items out of ${count}`);
				output.forEach((item, index) => {
					if ((item.pairedItem as { item: number }).item !== index) problems.push(`${name(lane.example)}: item ${index} out of order`);
					const message = String(item.json.error ?? '');
					if (!expected.test(`${message} ${String(item.json.description ?? '')}`) || /TypeError|Cannot read|undefined|\[object|is not a function/.test(message)) {
						problems.push(`${name(lane.example)}: item ${index}: ${JSON.stringify(item.json).slice(0, 300)}`);
					}
				});
				if (operation.sideEffects && effectful(lane.sandbox).length > count) {
					problems.push(`${name(lane.example)}: ${effectful(lane.sandbox).length} effectful requests for ${count} items`);
				}
				// Three attempts at most, each within the timeout, plus backoff: never a hang (with room for a loaded
				// machine). A 50 MB answer is read up to three times, four lanes at once, on two cores: it gets more room.
				const bound = (fault === 'hugeBody' ? 60 : 20) * TIMEOUT_MS;
				if (elapsed > bound) problems.push(`${name(lane.example)}: took ${elapsed} ms`);
			}
		});
		await Promise.all(workers);
		expect(problems).toEqual([]);
		// A guard against a hang, not a time limit: four 50 MB answers at a time take longer the more operations there are.
	}, fault === 'hugeBody' ? Math.max(120_000, EXAMPLES.length * 4_000) : 120_000);
});

const STATUS_OF = { serverError: 500, rateLimit: 429 } as const;
// The long poll is never repeated: the contact center refuses a second poll while one is held.
const NEVER_REPEATED = new Set(['servicepattern chat.getNewChatEvents']);

/** The examples that make the sandbox ready for an operation: ServicePattern's chat (and a file), Haptik's user and their chat. */
function setupFor(example: OperationExample): OperationExample[] {
	if (example.service === 'servicepattern' && !['checkAvailability', 'getExpectedParameters', 'requestChat', 'getVersion'].includes(example.operation)) {
		return EXAMPLES.filter((e) => e.service === 'servicepattern' && (e.operation === 'requestChat' || (example.operation === 'getFile' && e.operation === 'uploadFile')));
	}
	if (example.service === 'haptik' && example.operation !== 'createOrUpdate') {
		// The user exists, and has asked the bot for a person: the chat is with the agent tool.
		return EXAMPLES.filter((e) => e.service === 'haptik' && (e.operation === 'createOrUpdate' || (e.resource === 'message' && e.operation === 'send' && example.operation !== 'send')));
	}
	return [];
}

/** What an operation needs in the sandbox before it can succeed. */
async function prepare(lane: Lane) {
	const { example, sandbox } = lane;
	// A fresh chat (and CRM case) for each test: the one before may have closed the case of the last one.
	for (const chat of sandbox.state.servicepattern.chats.values()) chat.ended = true;
	const setup = setupFor(example);
	for (const step of setup) {
		const result = await runLane({ example: step, sandbox }, 1);
		if (result.output[0]?.json.error) throw new Error(`Preparing ${name(example)}: ${String(result.output[0].json.error)}`);
	}
}

describe('a failure that passes', () => {
	test.each(['serverError', 'rateLimit'] as const)(
		'after one %s, a read is repeated and succeeds; a write is reported and never repeated',
		async (fault) => {
			const problems: string[] = [];
			await Promise.all(
				lanes.map(async (lane) => {
					await fetch(`${lane.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
					await prepare(lane);
					await arm(lane.sandbox, fault, { retryAfterSeconds: 0 }, 1);
					const { output } = await runLane(lane, 1);
					const operation = operationOf(lane.example);
					const failed = output[0].json.error !== undefined;
					const log = lane.sandbox.log;
					const faulted = log.find((entry) => entry.status === STATUS_OF[fault]);
					const label = `${name(lane.example)} (${faulted?.method} ${faulted?.path})`;
					const read = !!faulted && (['GET', 'HEAD'].includes(faulted.method) || (!operation.sideEffects && ['PUT', 'DELETE'].includes(faulted.method)));
					if (!faulted) problems.push(`${name(lane.example)}: the fault was never met`);
					else if (isAuthPath(faulted.path)) {
						if (effectful(lane.sandbox).length > 1) problems.push(`${label}: the write was sent ${effectful(lane.sandbox).length} times`);
					} else if (read && !(NEVER_REPEATED.has(name(lane.example)) && /\/chats\/[^/]+\/events/.test(faulted.path))) {
						if (failed) problems.push(`${label}: a read was not repeated: ${JSON.stringify(output[0].json).slice(0, 200)}`);
					} else {
						if (!failed) problems.push(`${label}: the failed write was not reported`);
						const repeats = log.filter((entry) => entry.method === faulted.method && entry.path === faulted.path).length;
						if (repeats !== 1) problems.push(`${label}: sent ${repeats} times`);
					}
				}),
			);
			expect(problems).toEqual([]);
		},
		120_000,
	);
});

describe('secrets', () => {
	test('no API key, app key, password, token or JWT appears in any error, output or log line of this suite', () => {
		const secrets = [
			accounts.telspiel.apiKey,
			accounts.sobot.appKey,
			accounts.hover.password,
			accounts.haptik.token,
			accounts.haptik.webhookSecret,
			...accounts.haptik.agentTool.privateKey.split('\n').filter((line) => line.length === 64),
			...lanes.flatMap((lane) => [...lane.sandbox.state.haptik.agentToolTokens.keys()]),
			...lanes.flatMap((lane) => lane.sandbox.state.sobot.tokensIssued),
			...lanes.flatMap((lane) => lane.sandbox.state.hover.tokens),
		];
		expect(seen.length).toBeGreaterThan(EXAMPLES.length * FAULTS.length);
		const text = [...seen, ...logged].join('\n');
		expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
	});
});
