/**
 * The live run: for each service with credentials, the credential's Test button, then every
 * operation test/live/plan.ts lets run (reads always, writes when named), each as workflow JSON
 * through n8n's engine against the real service behind a recording proxy; their answers checked by
 * the operations' output schemas (the node fails on a mismatch), fields the schemas do not name and
 * differences from the sandbox's answers listed; cleanups; then the redacted fixtures and a report.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { conversationClientId } from '../../nodes/ServicePattern/conversation';
import { captureExamples } from '../harness/capture';
import type { Captured } from '../harness/capture';
import { testCredential } from '../harness/credentials';
import { EXAMPLES, NODE_NAME, SERVICES, exampleName, isAuthPath, operationOf, operationWorkflow } from '../harness/operations';
import type { OperationExample, ServiceEntry } from '../harness/operations';
import { loadPackage, storedBinary } from '../harness/package';
import { replayHostOf } from '../harness/replay';
import { runWorkflow } from '../harness/workflow';
import { credentialFields, writeName } from './config';
import type { LiveConfig, ServiceKey, ServiceSetup } from './config';
import { writeLiveFixture } from './fixtures';
import type { LiveFixture, StoredExchange } from './fixtures';
import { LIVE_PLAN, LIVE_TEST_NAME } from './plan';
import type { Live, OperationKey } from './plan';
import { startRecorder } from './recorder';
import type { RecordedExchange, Recorder } from './recorder';
import { Redaction } from './redact';
import { extraFields, shapeDifferences } from './shapes';

/** One operation run through n8n's engine. */
export interface RunResult {
	key: OperationKey;
	/** read, write, "for <the write it prepares>", or "cleanup: <what>". */
	purpose: string;
	status: 'passed' | 'failed';
	message?: string;
	/** Output fields the operation's output schema does not name. */
	extras: string[];
	/** Where the service's answers differ from the sandbox's, field by field. */
	differences: string[];
	requests: number;
	ms: number;
}

export interface ServiceReport {
	key: ServiceKey;
	title: string;
	credentialTest?: { status: string; message: string };
	runs: RunResult[];
	skipped: Array<{ key: OperationKey; reason: string }>;
	/** Writes not named in LIVE_WRITES (and not run for another). */
	notNamed: OperationKey[];
	cleanups: Array<{ what: string; done: boolean }>;
	failures: string[];
	fixture?: string;
	ms: number;
}

export interface LiveReport {
	services: ServiceReport[];
	skipped: Array<{ key: ServiceKey; reason: string }>;
	failures: string[];
	ms: number;
}

class Skip extends Error {
	constructor(readonly reason: string) {
		super(reason);
	}
}

class RunFailed extends Error {}

let reference: Promise<Map<OperationKey, Captured>> | undefined;
/** What the sandbox answers to each example (the same capture the reference docs are made from). */
function sandboxAnswers(): Promise<Map<OperationKey, Captured>> {
	reference ??= captureExamples().then((captured) => {
		const byKey = new Map<OperationKey, Captured>();
		for (const c of captured) if (!byKey.has(exampleName(c.example))) byKey.set(exampleName(c.example), c);
		return byKey;
	});
	return reference;
}

const exampleOf = (key: OperationKey): OperationExample | undefined => EXAMPLES.find((example) => exampleName(example) === key);
const isUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\//i.test(value);
const byId = (value: unknown) => ({ __rl: true, mode: 'id', value: String(value) });

/** Puts one value (test data, or what a plan found) into an operation's parameters by parameter name. */
function setParameter(properties: INodeProperties[], parameters: IDataObject, name: string, value: unknown) {
	const [outer, inner] = name.includes('.') ? [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)] : [name, undefined];
	const property = properties.find((candidate) => candidate.name === outer);
	if (!property) return;
	if (inner !== undefined) {
		if (property.type === 'collection') parameters[outer] = { ...(parameters[outer] as IDataObject), [inner]: value as IDataObject[string] };
		return;
	}
	parameters[outer] = (property.type === 'resourceLocator' && (typeof value !== 'object' || value === null) ? byId(value) : value) as IDataObject[string];
}

function shownItem(item: INodeExecutionData): IDataObject {
	if (!item.binary) return item.json;
	const files = Object.fromEntries(Object.entries(item.binary).map(([name, { fileName, mimeType, fileSize }]) => [name, { fileName, mimeType, fileSize }]));
	return { json: item.json, binary: files };
}

/** Request headers kept as they are in a fixture; the others are kept by name only. */
const KEPT_REQUEST_HEADERS = new Set(['content-type', 'accept', 'user-agent']);
const KEPT_REPLY_HEADERS = new Set(['content-type', 'content-disposition', 'retry-after']);

function parsedBody(exchange: RecordedExchange): unknown {
	const type = String(exchange.request.headers['content-type'] ?? '');
	if (type.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(exchange.request.body));
	try {
		return exchange.request.body ? JSON.parse(exchange.request.body) : undefined;
	} catch {
		return undefined;
	}
}

class ServiceRun {
	readonly report: ServiceReport;
	private readonly steps = new Map<OperationKey, Promise<IDataObject[]>>();
	private readonly outputs = new Map<OperationKey, IDataObject[]>();
	private readonly undos: Array<{ what: string; undo: () => Promise<unknown> }> = [];
	/** Each operation that succeeded, as it ran: what the fixture is made from. */
	private readonly recorded: Array<{ example: OperationExample; exchanges: RecordedExchange[]; output: IDataObject[] }> = [];
	private cleaningUp: string | undefined;

	constructor(
		private readonly entry: ServiceEntry,
		private readonly setup: ServiceSetup,
		private readonly config: LiveConfig,
		private readonly recorder: Recorder,
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly answers: Map<OperationKey, Captured>,
	) {
		this.report = { key: entry.key, title: entry.title, runs: [], skipped: [], notNamed: [], cleanups: [], failures: [], ms: 0 };
	}

	async credentialTest(): Promise<RecordedExchange[]> {
		const seen = this.recorder.exchanges.length;
		// A copy: the test signs in, and the operations must sign in themselves, as they would in n8n.
		const result = await testCredential(this.entry.service.credentialType, { ...this.credentials }).catch((error: Error) => ({ status: 'Error', message: error.message }));
		this.report.credentialTest = result;
		if (result.status !== 'OK') this.report.failures.push(`${this.entry.title} credential test: ${result.message}`);
		this.progress(`${this.entry.key} credential test`, result.status === 'OK' ? 'passed' : 'failed');
		return this.recorder.exchanges.slice(seen);
	}

	async operations(): Promise<void> {
		const examples = EXAMPLES.filter((example) => example.service === this.entry.key);
		for (const operation of this.entry.actions.operations) {
			const key = exampleName({ service: this.entry.key, resource: operation.resource, operation: operation.value });
			if (!examples.some((example) => exampleName(example) === key)) this.report.failures.push(`${key}: has no example in test/harness/operations.ts`);
		}
		for (const example of examples) {
			const key = exampleName(example);
			const plan = LIVE_PLAN[key];
			if (!plan) {
				this.report.failures.push(`${key}: not classified as read or write in test/live/plan.ts`);
				continue;
			}
			if (plan.kind === 'write' && !this.config.writes.has(key)) continue;
			try {
				await this.step(key);
			} catch (error) {
				if (error instanceof Skip) this.report.skipped.push({ key, reason: error.reason });
				else if (!(error instanceof RunFailed)) this.report.failures.push(`${key}: ${(error as Error).message}`);
			}
		}
		this.report.notNamed = examples
			.map(exampleName)
			.filter((key) => LIVE_PLAN[key]?.kind === 'write' && !this.config.writes.has(key) && !this.steps.has(key));
	}

	async cleanups(): Promise<void> {
		for (const { what, undo } of this.undos.reverse()) {
			this.cleaningUp = what;
			const done = await undo().then(
				() => true,
				(error: Error) => {
					if (!(error instanceof RunFailed)) this.report.failures.push(`cleanup "${what}": ${error.message}`);
					else this.report.failures.push(`cleanup "${what}" failed: undo it by hand`);
					return false;
				},
			);
			this.report.cleanups.push({ what, done });
		}
		this.cleaningUp = undefined;
	}

	/** The fixture, with everything secret or personal replaced (see redact.ts), and the report in the same words. */
	fixture(credentialExchanges: RecordedExchange[], redaction: Redaction): LiveFixture {
		for (const exchange of this.recorder.exchanges) {
			redaction.collectText(exchange.request.path);
			const [, query] = exchange.request.path.split('?');
			if (query) redaction.collect(Object.fromEntries(new URLSearchParams(query)));
			redaction.collect(exchange.request.headers);
			redaction.collect(parsedBody(exchange));
			if (typeof exchange.reply.body === 'string') redaction.collectText(exchange.reply.body);
			else if (!Buffer.isBuffer(exchange.reply.body)) redaction.collect(exchange.reply.body);
		}
		for (const operation of this.recorded) redaction.collect(operation.example.parameters);
		const stored = (exchange: RecordedExchange): StoredExchange => {
			const contentType = String(exchange.request.headers['content-type'] ?? '');
			const parsed = parsedBody(exchange);
			const body = contentType.startsWith('multipart/')
				? `<multipart/form-data, ${exchange.request.raw.length} bytes>`
				: parsed !== undefined && !contentType.includes('x-www-form-urlencoded')
					? JSON.stringify(redaction.apply(parsed))
					: redaction.text(exchange.request.body);
			const replyBody = Buffer.isBuffer(exchange.reply.body) ? `<${exchange.reply.body.length} bytes of ${exchange.reply.headers['content-type'] ?? 'binary data'}>` : redaction.apply(exchange.reply.body);
			return {
				service: this.entry.key,
				request: {
					method: exchange.request.method,
					path: redaction.text(exchange.request.path),
					headers: Object.fromEntries(
						Object.entries(exchange.request.headers)
							.filter(([name]) => !['host', 'connection', 'content-length', 'accept-encoding'].includes(name))
							.map(([name, value]) => [name, KEPT_REQUEST_HEADERS.has(name) ? redaction.text(String(value)) : '<redacted>']),
					),
					body,
				},
				reply: {
					status: exchange.reply.status,
					headers: Object.fromEntries(Object.entries(exchange.reply.headers).filter(([name]) => KEPT_REPLY_HEADERS.has(name)).map(([name, value]) => [name, redaction.text(value)])),
					body: replyBody,
				},
			};
		};
		const credentials = Object.fromEntries(Object.entries(this.setup.credentials).map(([name, value]) => [name, redaction.apply(value)])) as IDataObject;
		return {
			service: this.entry.key,
			recordedAt: `${new Date().toISOString().slice(0, 16)}Z`,
			credentials,
			credentialTest: { ...(this.report.credentialTest ?? { status: 'Error', message: 'not run' }), exchanges: credentialExchanges.map(stored) },
			operations: this.recorded.map((operation) => ({
				example: { ...operation.example, parameters: redaction.apply(operation.example.parameters) },
				exchanges: operation.exchanges.map(stored),
				output: redaction.apply(operation.output),
			})),
		};
	}

	/** A view of the run for one step's plan: what it runs is labelled as done for that step. */
	private live(step: OperationKey): Live {
		const { data } = this.setup;
		const dependency = async (key: OperationKey) => {
			try {
				return await this.step(key);
			} catch (error) {
				if (error instanceof Skip) throw new Skip(`needs ${key}, which was skipped: ${error.reason}`);
				throw new Skip(`needs ${key}, which failed`);
			}
		};
		return {
			data,
			run: (key, parameters = {}) => this.runOperation(key, parameters, this.cleaningUp ? `cleanup: ${this.cleaningUp}` : key === step ? LIVE_PLAN[step].kind : `for ${step}`),
			read: async (key) => {
				if (LIVE_PLAN[key]?.kind !== 'read') throw new Error(`test/live/plan.ts: ${step} reads ${key}, which is not read-only`);
				return await dependency(key);
			},
			named: async (key) => {
				if (!this.config.writes.has(key)) throw new Skip(`needs ${key}: name ${writeName(key)} in LIVE_WRITES too`);
				return await dependency(key);
			},
			setup: async (key) => await dependency(key),
			cleanup: (what, undo) => void this.undos.push({ what, undo }),
			skip: (reason) => {
				throw new Skip(reason);
			},
		};
	}

	/** Runs a step once per run; every later ask for it gets the same output. */
	private step(key: OperationKey): Promise<IDataObject[]> {
		let running = this.steps.get(key);
		if (!running) {
			running = this.execute(key);
			this.steps.set(key, running);
		}
		return running;
	}

	/** The test data for one operation: the service's, with what is given under "<resource>.<operation>" over it. */
	private dataFor(key: OperationKey): IDataObject {
		const [, own] = key.split(' ');
		const perOperation = new Set(this.entry.actions.operations.map((operation) => `${operation.resource}.${operation.value}`));
		const shared = Object.fromEntries(Object.entries(this.setup.data).filter(([name]) => !perOperation.has(name)));
		return { ...shared, ...((this.setup.data[own] as IDataObject | undefined) ?? {}) };
	}

	private async execute(key: OperationKey): Promise<IDataObject[]> {
		const plan = LIVE_PLAN[key];
		if (!plan) throw new Error('not classified as read or write in test/live/plan.ts');
		const live = this.live(key);
		const data = this.dataFor(key);
		const missing = (given: IDataObject) => (plan.needs ?? []).filter((name) => given[name] === undefined || given[name] === '');
		if (plan.kind === 'read') {
			const found = plan.find ? await plan.find(live) : {};
			const lacking = missing({ ...found, ...data });
			if (lacking.length) throw new Skip(`give ${this.entry.key} test data ${lacking.join(', ')} (something in your account)`);
			await live.run(key, Object.fromEntries(Object.entries(found).filter(([name]) => data[name] === undefined)));
		} else {
			const lacking = missing(data);
			if (lacking.length) throw new Skip(`give ${this.entry.key} test data ${lacking.join(', ')}`);
			if (plan.run) await plan.run(live, key);
			else await live.run(key);
		}
		return this.outputs.get(key) ?? [];
	}

	private async runOperation(key: OperationKey, explicit: IDataObject, purpose: string): Promise<IDataObject[]> {
		const example = exampleOf(key);
		if (!example) throw new Error(`${key} has no example in test/harness/operations.ts`);
		const operation = operationOf(example);
		const parameters = structuredClone(example.parameters);
		for (const layer of [this.dataFor(key), explicit]) {
			for (const [name, value] of Object.entries(layer)) setParameter(operation.properties, parameters, name, value);
		}
		const credentials = { [this.entry.service.credentialType]: { ...this.credentials, ...(example.apiVersion ? { apiVersion: example.apiVersion } : {}) } };
		const input = example.file
			? [{ json: {}, binary: { data: await storedBinary(example.file.content, example.file.fileName, example.file.mimeType) } }]
			: [{ json: {} }];
		const seen = this.recorder.exchanges.length;
		const started = Date.now();
		const workflow = operationWorkflow({ ...example, parameters }, { requestOptions: { timeout: this.config.timeoutMs, concurrency: 1 } });
		const outcome = await runWorkflow(workflow, { input, credentials }).then(
			(result) => ({ result, error: result.error(NODE_NAME) as (Error & { description?: string }) | undefined }),
			(error: Error) => ({ result: undefined, error: error as Error & { description?: string } }),
		);
		const exchanges = this.recorder.exchanges.slice(seen);
		const result: RunResult = {
			key,
			purpose,
			status: outcome.error ? 'failed' : 'passed',
			extras: [],
			differences: this.differences(key, exchanges),
			requests: exchanges.length,
			ms: Date.now() - started,
		};
		this.report.runs.push(result);
		const unanswered = exchanges.find((exchange) => exchange.failure);
		if (outcome.error || !outcome.result) {
			const description = outcome.error?.description ? ` (${outcome.error.description})` : '';
			result.message = `${outcome.error?.message ?? 'no result'}${description}${unanswered ? `; ${unanswered.request.method} ${unanswered.request.path.split('?')[0]}: ${unanswered.failure}` : ''}`;
			this.report.failures.push(`${key} (${purpose}): ${result.message}`);
			this.progress(key, 'failed');
			throw new RunFailed(key);
		}
		const items = outcome.result.output('After');
		const jsons = items.map((item) => item.json);
		result.extras = [...new Set(jsons.flatMap((json) => extraFields(operation.output, json)))];
		// The example as it ran, without its file (uploads are not replayed).
		const { file: _file, ...ran } = { ...example, parameters };
		this.recorded.push({ example: ran, exchanges, output: items.map(shownItem) });
		this.outputs.set(key, jsons);
		this.progress(key, `passed in ${result.ms} ms`);
		return jsons;
	}

	/** The service's answers against the sandbox's to the same example, request by request (sign-ins left out). */
	private differences(key: OperationKey, exchanges: RecordedExchange[]): string[] {
		const sandbox = this.answers.get(key);
		if (!sandbox) return [];
		const ours = exchanges.filter((exchange) => !exchange.failure && !isAuthPath(exchange.request.path));
		const theirs = sandbox.exchanges.filter((exchange) => !isAuthPath(exchange.request.path));
		return ours.flatMap((mine, index) => {
			const other = theirs[index];
			// The same endpoint: the same method and path, IDs aside (a segment with a digit).
			const template = (exchange: { request: { method: string; path: string } }) =>
				`${exchange.request.method} ${exchange.request.path.split('?')[0].replace(/[^/]*\d[^/]*/g, ':id')}`;
			if (!other || template(other) !== template(mine)) return [];
			const at = `${mine.request.method} ${mine.request.path.split('?')[0]}`;
			const status = (other.reply.status ?? 200) !== mine.reply.status ? [`${at}: HTTP ${mine.reply.status}, sandbox ${other.reply.status ?? 200}`] : [];
			const comparable = (body: unknown) => body !== undefined && typeof body === 'object' && !Buffer.isBuffer(body);
			const shapes = comparable(mine.reply.body) && comparable(other.reply.body) ? shapeDifferences(mine.reply.body, other.reply.body).map((line) => `${at}: ${line}`) : [];
			return [...status, ...shapes];
		});
	}

	private progress(what: string, outcome: string) {
		if (this.config.progress) process.stdout.write(`  ${what}: ${outcome}\n`);
	}
}

async function runService(entry: ServiceEntry, setup: ServiceSetup, config: LiveConfig): Promise<ServiceReport> {
	const started = Date.now();
	const { credentialTypes } = await loadPackage();
	const urls = Object.values(setup.credentials).filter(isUrl);
	const roots = urls.map((url) => setup.roots?.find((root) => url.startsWith(root)) ?? new URL(url).origin);
	const recorder = await startRecorder(roots, { pauseMs: config.pauseMs, timeoutMs: config.timeoutMs + 5000 });
	const credentials = Object.fromEntries(Object.entries(setup.credentials).map(([name, value]) => [name, isUrl(value) ? recorder.proxied(value) : value])) as ICredentialDataDecryptedObject;

	// What must never be written or printed, first of all the credential's own values; its URLs become the replay's host.
	const redaction = new Redaction([conversationClientId]);
	redaction.keep(LIVE_TEST_NAME);
	for (const root of roots) redaction.replace(root, replayHostOf(entry.key));
	for (const property of credentialFields(credentialTypes[entry.service.credentialType])) {
		const value = setup.credentials[property.name];
		if (typeof value === 'string' && property.type === 'string' && !isUrl(value)) redaction.register(value, 'secret');
	}
	redaction.collect(setup.data);

	const run = new ServiceRun(entry, setup, config, recorder, credentials, await sandboxAnswers());
	try {
		const credentialExchanges = await run.credentialTest();
		await run.operations();
		await run.cleanups();
		const fixture = run.fixture(credentialExchanges, redaction);
		const text = JSON.stringify(fixture);
		const left = redaction.secrets.filter((secret) => text.includes(secret));
		if (left.length) run.report.failures.push(`${entry.title}: the fixture would still hold ${left.length} secret value(s); not written`);
		else run.report.fixture = writeLiveFixture(config.fixturesDir, fixture);
	} finally {
		await recorder.close();
	}
	// The report speaks of requests and answers: it is redacted the same way.
	const report = redaction.apply(run.report);
	report.fixture = run.report.fixture;
	report.ms = Date.now() - started;
	return report;
}

/** Runs every service whose credentials were given; the others are reported as skipped. */
export async function runLive(config: LiveConfig): Promise<LiveReport> {
	const started = Date.now();
	const report: LiveReport = { services: [], skipped: [...config.skipped], failures: [...config.errors], ms: 0 };
	for (const entry of SERVICES) {
		const setup = config.services.find((candidate) => candidate.key === entry.key);
		if (!setup) continue;
		if (config.progress) process.stdout.write(`${entry.title}\n`);
		const serviceReport = await runService(entry, setup, config);
		report.services.push(serviceReport);
		report.failures.push(...serviceReport.failures);
	}
	report.ms = Date.now() - started;
	return report;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The report as a maintainer reads it: outcomes per service, then what to correct. */
export function formatReport(report: LiveReport): string {
	const lines: string[] = ['Live contract tests', ''];
	for (const service of report.services) {
		const passed = service.runs.filter((run) => run.status === 'passed').length;
		lines.push(`${service.title}: credential test ${service.credentialTest?.status ?? 'not run'}; ${passed} of ${service.runs.length} runs passed; ${service.skipped.length} skipped; ${service.notNamed.length} writes not named (${seconds(service.ms)})`);
		for (const run of service.runs) {
			lines.push(`  ${run.status === 'passed' ? 'ok  ' : 'FAIL'} ${run.key} (${run.purpose}, ${run.requests} requests, ${run.ms} ms)${run.message ? `: ${run.message}` : ''}`);
			if (run.extras.length) lines.push(`         not in the output schema: ${run.extras.join(', ')}`);
			for (const difference of run.differences) lines.push(`         differs from the sandbox: ${difference}`);
		}
		for (const skip of service.skipped) lines.push(`  skip ${skip.key}: ${skip.reason}`);
		for (const cleanup of service.cleanups) lines.push(`  ${cleanup.done ? 'undone' : 'NOT UNDONE'}: ${cleanup.what}`);
		if (service.notNamed.length) lines.push(`  writes not named (LIVE_WRITES): ${service.notNamed.map(writeName).join(', ')}`);
		if (service.fixture) lines.push(`  fixture: ${service.fixture}`);
		lines.push('');
	}
	for (const skip of report.skipped) lines.push(`${SERVICES.find((entry) => entry.key === skip.key)?.title ?? skip.key}: skipped, ${skip.reason}`);
	lines.push('', report.failures.length ? `${report.failures.length} failure(s):` : `No failures (${seconds(report.ms)}).`);
	for (const failure of report.failures) lines.push(`  ${failure}`);
	return `${lines.join('\n')}\n`;
}
