import { createHash } from 'node:crypto';
/**
 * The sandbox: local emulators of the five APIs and a scripted chat model in one process on 127.0.0.1, each under its own path
 * prefix, with a request log and fault switches. `npm run sandbox` starts it alone; `npm start`
 * starts it with n8n; the tests use the same emulators.
 */
import { haptikStub, newHaptikState } from './haptik';
import { startServer } from './http';
import type { RecordedRequest, Reply, TestServer } from './http';
import { hoverStub, newHoverState } from './hover';
import { modelStub, newModelState } from './model';
import type { ScriptedReply } from './model';
import { agentWritesInEveryChat, heldPolls, newSpState, servicePatternStub } from './servicepattern';
import { newSobotState, sobotStub } from './sobot';
import { newTelSpielState, telSpielSandbox } from './telspiel';
import { SERVICE_REGISTRY } from '../scripts/services';

export type Fault = 'delay' | 'rateLimit' | 'serverError' | 'unavailable' | 'reset' | 'malformedJson' | 'htmlError' | 'emptyBody' | 'hugeBody';

const HUGE_BODY_BYTES = 50 * 1024 * 1024;
let hugeBody: Buffer | undefined;
/** A 50 MB JSON answer of the wrong shape, built once. */
function hugeJson(): Buffer {
	hugeBody ??= Buffer.from(`{"padding":"${'x'.repeat(HUGE_BODY_BYTES - 16)}"}`);
	return hugeBody;
}

interface ArmedFault {
	service?: string;
	fault: Fault;
	/** How many requests it applies to. */
	remaining: number;
	delayMs?: number;
	retryAfterSeconds?: number;
}

export interface Sandbox {
	url: string;
	/** Base URL of one service's emulator. */
	serviceUrl(service: string): string;
	log: Array<{ service: string; method: string; path: string; status: number }>;
	/** The latest requests with what was answered (the reference docs' examples come from here). */
	exchanges: Exchange[];
	state: { [Prefix in keyof typeof EMULATORS]: ReturnType<(typeof EMULATORS)[Prefix]['newState']> };
	close(): Promise<void>;
}

interface Emulator<State> {
	newState(): State;
	handler(state: State): (request: RecordedRequest) => Reply | Promise<Reply>;
}
const emulator = <State>(newState: () => State, handler: Emulator<State>['handler']): Emulator<State> => ({ newState, handler });

/**
 * The emulator of each registered service (scripts/services.json names its prefix, `sandbox`), and
 * the sandbox's own scripted chat model. The services served, and their order, are the registry's.
 */
const EMULATORS = {
	telspiel: emulator(newTelSpielState, telSpielSandbox),
	sobot: emulator(newSobotState, sobotStub),
	hover: emulator(newHoverState, hoverStub),
	servicepattern: emulator(() => newSpState(10_000), servicePatternStub),
	haptik: emulator(newHaptikState, haptikStub),
	model: emulator(newModelState, modelStub),
};
/** Prefixes served besides the registry's services: not any vendor's. */
export const OWN_EMULATORS = ['model'];
export const EMULATED = Object.keys(EMULATORS);

/**
 * The fault switches: failures no vendor documents but every service shows sooner or later (a slow or
 * reset connection, rate limits, a proxy's HTML page, cut-off or huge answers). Their shapes are
 * ours, not any service's: guesses at what the network and the servers in front of an API send.
 */
function faultReply(fault: ArmedFault): Reply {
	switch (fault.fault) {
		case 'rateLimit':
			return { status: 429, headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) }, body: { message: 'Too many requests' } };
		case 'serverError':
			return { status: 500, body: { message: 'Internal server error' } };
		case 'unavailable':
			return { status: 503, headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) }, body: '<html><body>Service Unavailable</body></html>' };
		case 'reset':
			return { reset: true };
		case 'malformedJson':
			return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"code": 200, "status": "succ' };
		case 'htmlError':
			return { status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' };
		case 'emptyBody':
			return { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
		case 'hugeBody':
			return { status: 200, headers: { 'content-type': 'application/json' }, body: hugeJson() };
		default:
			return { status: 500, body: {} };
	}
}

/**
 * The shape switch, the sandbox's own (not any service's): one service's JSON answers in a changed
 * shape, so a contract test can be shown to fail on one (npm run test:live, pointed at the sandbox).
 * `drop` removes keys at any depth, `retype` turns their values into another type (text ↔ number,
 * a list or object into text), `add` puts fields into every object of the answer.
 */
export interface ShapeChange {
	service?: string;
	drop?: string[];
	retype?: string[];
	add?: Record<string, unknown>;
}

function retyped(value: unknown): unknown {
	if (typeof value === 'string') return value.length;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value && typeof value === 'object') return JSON.stringify(value);
	return value;
}

export function reshaped(value: unknown, change: ShapeChange): unknown {
	if (Array.isArray(value)) return value.map((element) => reshaped(element, change));
	if (!value || typeof value !== 'object') return value;
	const result: Record<string, unknown> = {};
	for (const [key, inner] of Object.entries(value)) {
		if (change.drop?.includes(key)) continue;
		result[key] = change.retype?.includes(key) ? retyped(inner) : reshaped(inner, change);
	}
	return { ...result, ...change.add };
}

export interface Exchange {
	service: string;
	request: RecordedRequest;
	reply: Reply;
}

const KEPT_EXCHANGES = 200;

export async function startSandbox(port = 0): Promise<Sandbox> {
	const prefixes = [...SERVICE_REGISTRY.map((entry) => entry.sandbox), ...OWN_EMULATORS];
	const missing = prefixes.filter((prefix) => !(prefix in EMULATORS));
	if (missing.length > 0) throw new Error(`No emulator in sandbox/main.ts for ${missing.join(', ')}`);
	const state: Record<string, unknown> = {};
	const handlers: Record<string, (request: RecordedRequest) => Reply | Promise<Reply>> = {};
	for (const prefix of prefixes) {
		const { newState, handler } = EMULATORS[prefix as keyof typeof EMULATORS] as Emulator<unknown>;
		state[prefix] = newState();
		handlers[prefix] = handler(state[prefix]);
	}
	const states = state as Sandbox['state'];
	const faults: ArmedFault[] = [];
	const shapeChanges: ShapeChange[] = [];
	const log: Sandbox['log'] = [];
	const exchanges: Exchange[] = [];

	const server: TestServer = await startServer(async (request) => {
		const url = new URL(request.path, 'http://sandbox');
		// The sandbox's own control routes (not any service's): arm and clear faults, read the request log.
		if (url.pathname === '/__sandbox/faults' && request.method === 'POST') {
			const fault = request.json() as ArmedFault & { count?: number };
			faults.push({ ...fault, remaining: fault.count ?? 1 });
			return { body: { armed: true } };
		}
		// The sandbox's own: clear the faults.
		if (url.pathname === '/__sandbox/faults' && request.method === 'DELETE') {
			faults.length = 0;
			return { body: { cleared: true } };
		}
		// The sandbox's own: answer in a changed shape (ShapeChange), until cleared.
		if (url.pathname === '/__sandbox/shape' && request.method === 'POST') {
			shapeChanges.push(request.json() as ShapeChange);
			return { body: { changed: shapeChanges.length } };
		}
		// The sandbox's own: answer in the documented shapes again.
		if (url.pathname === '/__sandbox/shape' && request.method === 'DELETE') {
			shapeChanges.length = 0;
			return { body: { cleared: true } };
		}
		// The sandbox's own: the request log.
		if (url.pathname === '/__sandbox/requests') return { body: { requests: log } };
		// The sandbox's own: every Click To Call telSpiel accepted, with its numbers (tests in other processes).
		if (url.pathname === '/__sandbox/telspiel/calls') return { body: { calls: states.telspiel.calls } };
		// The sandbox's own: the files ServicePattern holds, by ID, with their size and SHA-256 (tests in other processes).
		if (url.pathname === '/__sandbox/servicepattern/files') {
			const files = [...states.servicepattern.files].map(([fileId, file]) => ({ fileId, fileName: file.fileName, size: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex') }));
			return { body: { files } };
		}
		// The sandbox's own: ServicePattern's agent writes in every open chat (benchmarks of the relay).
		if (url.pathname === '/__sandbox/servicepattern/agent-message' && request.method === 'POST') {
			return { body: { chats: agentWritesInEveryChat(states.servicepattern, String((request.json() as { msg?: unknown }).msg ?? '')) } };
		}
		// The sandbox's own: how many chats have a poll held (benchmarks of the relay start a burst when all are).
		if (url.pathname === '/__sandbox/servicepattern/held-polls') return { body: { held: heldPolls(states.servicepattern) } };
		// The sandbox's own: Haptik's Business Manager settings (the Bot API webhook URL; retries sped up for tests).
		if (url.pathname === '/__sandbox/haptik/settings' && request.method === 'POST') {
			const settings = request.json() as { botWebhookUrl?: string; retryScale?: number; answerWithinMs?: number; agentToolTokenTtlS?: number; revokeAgentToolTokens?: boolean };
			if (settings.botWebhookUrl !== undefined) {
				states.haptik.botWebhookUrl = settings.botWebhookUrl;
				states.haptik.botWebhookDisabled = false;
			}
			if (settings.retryScale !== undefined) states.haptik.retryScale = settings.retryScale;
			if (settings.answerWithinMs !== undefined) states.haptik.answerWithinMs = settings.answerWithinMs;
			// Tokens that run out sooner, or all refused from now on (an expiry, a revocation at Haptik): for renewal tests.
			if (settings.agentToolTokenTtlS !== undefined) states.haptik.agentToolTokenTtlS = settings.agentToolTokenTtlS;
			if (settings.revokeAgentToolTokens) states.haptik.agentToolTokens.clear();
			return { body: { botWebhookUrl: states.haptik.botWebhookUrl ?? null, retryScale: states.haptik.retryScale, answerWithinMs: states.haptik.answerWithinMs } };
		}
		// The sandbox's own: what Haptik holds and sent (users, conversations, hooks, webhook deliveries), for tests in other processes.
		if (url.pathname === '/__sandbox/haptik/state') {
			const haptik = states.haptik;
			return {
				body: {
					users: [...haptik.users.values()],
					conversations: Object.fromEntries(haptik.conversations),
					hooks: Object.fromEntries(haptik.hooks),
					botWebhookDisabled: haptik.botWebhookDisabled,
					deliveries: haptik.deliveries,
					queued: haptik.queued.length,
					agentToolSignIns: haptik.agentToolSignIns,
					feedback: haptik.feedback,
				},
			};
		}
		// The sandbox's own: the scripted model's next answers (tool calls, then a final answer), for one test.
		if (url.pathname === '/__sandbox/model/script' && request.method === 'POST') {
			states.model.script = (request.json() as { replies?: ScriptedReply[] }).replies ?? [];
			states.model.requests.length = 0;
			return { body: { scripted: states.model.script.length } };
		}
		// The sandbox's own: what n8n sent the model (messages and the tool schemas it generated).
		if (url.pathname === '/__sandbox/model/requests') return { body: { requests: states.model.requests } };
		const [, service] = url.pathname.split('/');
		const handler = handlers[service];
		if (!handler) return { status: 404, body: { message: 'Unknown sandbox service' } };
		const inner = { ...request, path: request.path.slice(service.length + 1) };
		const fault = faults.find((f) => f.remaining > 0 && (!f.service || f.service === service));
		let reply: Reply;
		if (fault) {
			fault.remaining--;
			reply = fault.fault === 'delay' ? { ...(await handler(inner)), delayMs: fault.delayMs ?? 1000 } : faultReply(fault);
		} else {
			reply = await handler(inner);
			for (const change of shapeChanges.filter((c) => !c.service || c.service === service)) {
				if (reply.body !== undefined && typeof reply.body === 'object' && !Buffer.isBuffer(reply.body)) reply = { ...reply, body: reshaped(reply.body, change) };
			}
		}
		log.push({ service, method: request.method, path: inner.path, status: reply.reset ? 0 : (reply.status ?? 200) });
		// A snapshot: the emulators answer with their live state, which later requests change.
		const body = reply.body === undefined || typeof reply.body === 'string' || Buffer.isBuffer(reply.body) ? reply.body : (JSON.parse(JSON.stringify(reply.body)) as unknown);
		exchanges.push({ service, request: inner, reply: { ...reply, body } });
		if (exchanges.length > KEPT_EXCHANGES) exchanges.shift();
		return reply;
	}, port);

	return {
		url: server.url,
		serviceUrl: (service) => `${server.url}/${service}`,
		log,
		exchanges,
		state: states,
		close: server.close,
	};
}
