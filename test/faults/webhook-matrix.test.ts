/**
 * Every inbound surface of the package, one matrix, through a real n8n's webhook server
 * (test/harness/n8n-instance.ts): the Haptik Trigger's Bot API webhook and agent tool hooks, the Hover Trigger, the
 * ServicePattern Relay Trigger and the examples' webhooks (IVR callback, bot-facing API, bot
 * handover, MCP server). Each surface is one entry of SURFACES: its workflow, a genuine request for
 * an event, and each way a request can be wrong. For each: a missing, malformed, wrong and replayed
 * signature or key; a body over n8n's payload limit (N8N_PAYLOAD_SIZE_MAX, 16 MB by default); bad
 * JSON; a wrong content type; the same event twice; many events at once. Each row says what n8n
 * answers and how many runs each of its events starts, counted in n8n's own execution records (or,
 * for MCP, whose tool calls are not executions, in the calls the sandbox's telSpiel took): none for
 * what is refused, one for each genuine event. No secret appears in any answer, log line or stored
 * execution. What SECURITY.md says of each surface is what these rows prove.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { parse } from 'flatted';

import { conversationClientId } from '../../nodes/ServicePattern/conversation';
import { testSecrets } from '../../sandbox/accounts';
import { HAPTIK_BUSINESS_ID, HAPTIK_CLIENT_ID, HAPTIK_TOKEN, HAPTIK_WEBHOOK_SECRET } from '../../sandbox/haptik';
import { APP_WEBHOOK_SECRET, HOVER_PASSWORD, transactionWebhook } from '../../sandbox/hover';
import { startSandbox } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/main';
import { MODEL_API_KEY } from '../../sandbox/model';
import { SP_APP_ID, SP_TENANT } from '../../sandbox/servicepattern';
import { SOBOT_APP_KEY } from '../../sandbox/sobot';
import { TELSPIEL_API_KEY } from '../../sandbox/telspiel';
import { createWorkflow, startN8n } from '../harness/n8n-instance';
import type { N8nInstance } from '../harness/n8n-instance';
import { eventually, executionsOf, publishWorkflow } from '../harness/n8n-rest';
import { SIGNATURE_HEADER, forgedSignatures, openChatAs, registration, signature } from '../harness/relay-wire';

/** Every value that must never come back in an answer, a log line or an execution. */
const SECRETS = [...Object.values(testSecrets), HAPTIK_WEBHOOK_SECRET, APP_WEBHOOK_SECRET, HAPTIK_TOKEN, HOVER_PASSWORD, MODEL_API_KEY, SOBOT_APP_KEY, TELSPIEL_API_KEY];

/** Over n8n's default payload limit (16 MiB), as JSON. */
const OVERSIZE = Buffer.from(`{"padding":"${'x'.repeat(17 * 1024 * 1024)}"}`);

const example = (file: string) => JSON.parse(readFileSync(path.join(__dirname, '../../examples', file), 'utf8')) as { name: string; nodes: unknown[]; connections: unknown };

interface Answer {
	status: number;
	body: string;
	/** Status line, headers and body, for the secret check. */
	text: string;
	json: unknown;
}

interface Context {
	n8n: N8nInstance;
	sandbox: Sandbox;
	workflowIds: Record<string, string>;
}

/** Per event (its marker): how many runs it started, or for some surfaces `runs:side effects`. */
type Runs = Record<string, number | string>;

/** One row: what is sent, what n8n must answer to each request, and how many runs each event must start. */
interface Row {
	row: string;
	send(context: Context): Promise<Answer[]>;
	statuses: number[] | ((answers: Answer[]) => void);
	runs: Runs;
}

interface Surface {
	name: string;
	setup(context: Context): Promise<void>;
	rows: Row[];
	/** How many runs each event (by its marker) started, from what n8n (or the sandbox) recorded. */
	runs(context: Context, markers: string[]): Promise<Runs>;
}

const answers: Answer[] = [];

async function send(context: Context, route: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
	const response = await fetch(`${context.n8n.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: new Uint8Array(body instanceof Buffer ? body : Buffer.from(body)) });
	const text = await response.text();
	let json: unknown = null;
	try {
		json = JSON.parse(text);
	} catch {
		// n8n's own refusals are plain text
	}
	const headerLines: string[] = [];
	response.headers.forEach((value, name) => headerLines.push(`${name}: ${value}`));
	const answer = { status: response.status, body: text, text: `${response.status}\n${headerLines.join('\n')}\n\n${text}`, json };
	answers.push(answer);
	return answer;
}

const all = async (requests: Array<Promise<Answer>>) => await Promise.all(requests);
const times = <T>(count: number, make: (i: number) => T) => Array.from({ length: count }, (_, i) => make(i));

/** Finished executions' records, read once: they no longer change. */
const finished = new Map<string, string>();

/** Every execution n8n recorded for a workflow, as its REST API shows it to the editor (at most 100: the matrix stays below). */
async function executionRecords(context: Context, workflowId: string): Promise<string[]> {
	const list = await executionsOf(context.n8n.api, workflowId);
	if (list.length >= 100) throw new Error(`Workflow ${workflowId} has 100 executions or more: the matrix reads one page`);
	return await Promise.all(
		list.map(async ({ id, status }) => {
			const known = finished.get(id);
			if (known) return known;
			const record = JSON.stringify((await context.n8n.api('GET', `/rest/executions/${id}`)).json);
			if (['success', 'error', 'crashed', 'canceled'].includes(status)) finished.set(id, record);
			return record;
		}),
	);
}

/** The runs of workflows that carry each marker (as a JSON string anywhere in their data). */
async function runsInExecutions(context: Context, workflowIds: string[], markers: string[]): Promise<Record<string, number>> {
	const counts = Object.fromEntries(markers.map((marker) => [marker, 0]));
	for (const workflowId of workflowIds) {
		for (const record of await executionRecords(context, workflowId)) {
			const data = JSON.stringify(parse((JSON.parse(record) as { data: { data: string } }).data.data));
			for (const marker of markers) if (data.includes(JSON.stringify(marker))) counts[marker]++;
		}
	}
	return counts;
}

/** Publishes a workflow created from `workflow`, once its production webhook answers something other than 404. */
async function publish(context: Context, workflow: { name: string; nodes: unknown[]; connections: unknown }, probe: () => Promise<Answer>): Promise<string> {
	const id = await createWorkflow(context.n8n, workflow);
	await publishWorkflow(context.n8n.api, workflow.name, async () => new Response(null, { status: (await probe()).status }));
	return id;
}

// ---------------------------------------------------------------------------------------------
// Hover Trigger: the app's webhook secret in the body's meta.secret (sources.md#hover-webhooks).

const HOVER_PATH = '/webhook/c0ffee00-0000-4000-8000-0000000000a1/hover';
const hoverWorkflow = {
	name: 'Matrix: Hover transactions',
	nodes: [
		{
			id: 'h1',
			name: 'Hover Trigger',
			type: 'n8n-nodes-contact-center.hoverTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'c0ffee00-0000-4000-8000-0000000000a1',
			// Every status, so that a status change shows as a new event.
			parameters: { registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET, statuses: [] },
		},
	],
	connections: {},
};

const transaction = (id: string, status = 'succeeded', secret: unknown = APP_WEBHOOK_SECRET) => {
	const body = transactionWebhook(APP_WEBHOOK_SECRET, status);
	return JSON.stringify({ meta: { secret }, data: { ...body.data, id, attributes: { ...body.data.attributes, uuid: id } } });
};
const toHover = (context: Context, body: string | Buffer, headers?: Record<string, string>) => send(context, HOVER_PATH, body, headers);

/**
 * The same trigger whose Webhook Secret comes out empty: an expression, as a secret read from a
 * variable that is not set would (n8n itself refuses to publish a required field left empty).
 */
const NO_SECRET_WEBHOOK_ID = 'c0ffee00-0000-4000-8000-0000000000a2';
const hoverWithoutSecret = {
	name: 'Matrix: Hover without a secret',
	nodes: [{ ...hoverWorkflow.nodes[0], webhookId: NO_SECRET_WEBHOOK_ID, parameters: { ...hoverWorkflow.nodes[0].parameters, webhookSecret: '={{ "" }}' } }],
	connections: {},
};

/** Publishing the trigger without a secret: its publication fails, saying why; then what a post with an empty secret gets. */
async function publishWithoutSecret(context: Context): Promise<Answer[]> {
	const id = (context.workflowIds.hoverWithoutSecret = await createWorkflow(context.n8n, hoverWithoutSecret));
	const { versionId } = (await context.n8n.api('GET', `/rest/workflows/${id}`)).json!.data as { versionId: string };
	const activated = await context.n8n.api('POST', `/rest/workflows/${id}/activate`, { versionId });
	expect(activated.status).toBe(200);
	// n8n answers the publish request first and sets up the trigger's webhook (and its checks) after.
	type Publication = { status: string; triggers: Array<{ status: string; errorMessage: string | null }> };
	const publication = await eventually(
		async () => (await context.n8n.api('GET', `/rest/workflows/${id}/publication-status`)).json!.data as Publication,
		({ status }) => !['in_progress', 'not_published'].includes(status),
		20_000,
	);
	expect(publication).toMatchObject({ status: 'failed', triggers: [{ status: 'failed', errorMessage: expect.stringContaining('webhook secret') }] });
	return [await send(context, `/webhook/${NO_SECRET_WEBHOOK_ID}/hover`, transaction('tx-no-secret', 'succeeded', ''))];
}

const hover: Surface = {
	name: 'Hover Trigger',
	async setup(context) {
		context.workflowIds.hover = await publish(context, hoverWorkflow, () => toHover(context, '{}'));
	},
	runs: (context, markers) => runsInExecutions(context, [context.workflowIds.hover, context.workflowIds.hoverWithoutSecret].filter(Boolean), markers),
	rows: [
		{ row: 'genuine', send: async (c) => [await toHover(c, transaction('tx-genuine'))], statuses: [200], runs: { 'tx-genuine': 1 } },
		// sha256('') would match a post whose meta.secret is empty: a trigger without a secret must not go live.
		{ row: 'no secret configured: publishing fails, and an empty secret posted finds nothing', send: publishWithoutSecret, statuses: [404], runs: { 'tx-no-secret': 0 } },
		{ row: 'missing secret', send: async (c) => [await toHover(c, JSON.stringify({ data: JSON.parse(transaction('tx-missing')).data }))], statuses: [401], runs: { 'tx-missing': 0 } },
		{
			row: 'malformed secret',
			send: async (c) => await all([12345, { secret: APP_WEBHOOK_SECRET }, 'x'.repeat(10_000)].map((secret) => toHover(c, transaction('tx-malformed', 'succeeded', secret)))),
			statuses: [401, 401, 401],
			runs: { 'tx-malformed': 0 },
		},
		{
			row: 'wrong secret',
			send: async (c) => await all(['', APP_WEBHOOK_SECRET.slice(0, -1), '43120'].map((secret) => toHover(c, transaction('tx-wrong', 'succeeded', secret)))),
			statuses: [401, 401, 401],
			runs: { 'tx-wrong': 0 },
		},
		{
			row: 'replayed (the same delivery again, later)',
			send: async (c) => [await toHover(c, transaction('tx-replayed')), await toHover(c, transaction('tx-replayed'))],
			statuses: (got) => expect(got.map((a) => [a.status, a.json ?? a.body])).toEqual([[200, 'firstEntryJson'], [200, { received: true, started: false, duplicate: true }]]),
			runs: { 'tx-replayed': 1 },
		},
		{
			row: 'status change (pending, succeeded, pending again)',
			send: async (c) => [await toHover(c, transaction('tx-status', 'pending')), await toHover(c, transaction('tx-status', 'succeeded')), await toHover(c, transaction('tx-status', 'pending'))],
			statuses: [200, 200, 200],
			runs: { 'tx-status': 2 },
		},
		{ row: 'over the payload limit', send: async (c) => [await toHover(c, OVERSIZE)], statuses: [500], runs: {} },
		{ row: 'malformed JSON', send: async (c) => [await toHover(c, transaction('tx-bad-json').slice(0, -5))], statuses: [422], runs: { 'tx-bad-json': 0 } },
		{ row: 'wrong content type (text/plain)', send: async (c) => [await toHover(c, transaction('tx-text'), { 'content-type': 'text/plain' })], statuses: [401], runs: { 'tx-text': 0 } },
		{
			row: 'many at once: 5 transactions, and one transaction 5 times',
			send: async (c) => await all([...times(5, (i) => toHover(c, transaction(`tx-many-${i}`))), ...times(5, () => toHover(c, transaction('tx-many-same')))]),
			statuses: Array(10).fill(200),
			runs: { ...Object.fromEntries(times(5, (i) => [`tx-many-${i}`, 1])), 'tx-many-same': 1 },
		},
	],
};

// ---------------------------------------------------------------------------------------------
// Haptik Trigger, Bot API webhook: X-Hub-Signature, HMAC-SHA1 of the raw body with the credential's
// Webhook Secret (sources.md#haptik-webhook-signature).

const HAPTIK_PATH = '/webhook/c0ffee00-0000-4000-8000-0000000000a2/haptik';
const haptikWorkflow = {
	name: 'Matrix: Haptik bot replies',
	nodes: [
		{
			id: 'k1',
			name: 'Haptik Trigger',
			type: 'n8n-nodes-contact-center.haptikTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'c0ffee00-0000-4000-8000-0000000000a2',
			parameters: { events: ['botMessage'], registerHooks: false },
			credentials: { haptikApi: { id: 'sbxHaptik0000001', name: 'Sandbox Haptik' } },
		},
	],
	connections: {},
};

const botMessage = (id: string) =>
	JSON.stringify({
		version: '1.0',
		timestamp: new Date().toISOString(),
		user: { auth_id: 'matrix-user', user_id: '1', user_name: 'matrix' },
		business_id: HAPTIK_BUSINESS_ID,
		event_name: 'message',
		agent: { id: 1, name: 'gogo', is_automated: true, email: null },
		message: { id, body: { text: `reply ${id}`, type: 'TEXT', data: { quick_replies: [] } } },
	});
const hubSignature = (key: string, raw: string | Buffer) => `sha1=${createHmac('sha1', key).update(raw).digest('hex')}`;
const toHaptik = (context: Context, raw: string | Buffer, signatureHeader?: string, headers: Record<string, string> = {}) =>
	send(context, HAPTIK_PATH, raw, { ...(signatureHeader === undefined ? {} : { 'x-hub-signature': signatureHeader }), ...headers });
const signedToHaptik = (context: Context, raw: string | Buffer, headers?: Record<string, string>) => toHaptik(context, raw, hubSignature(HAPTIK_WEBHOOK_SECRET, raw), headers);

const haptikBotApi: Surface = {
	name: 'Haptik Trigger (Bot API webhook)',
	async setup(context) {
		context.workflowIds.haptik = await publish(context, haptikWorkflow, () => toHaptik(context, '{}'));
	},
	runs: (context, markers) => runsInExecutions(context, [context.workflowIds.haptik], markers),
	rows: [
		{ row: 'genuine', send: async (c) => [await signedToHaptik(c, botMessage('hk-genuine'))], statuses: [200], runs: { 'hk-genuine': 1 } },
		{ row: 'missing signature', send: async (c) => [await toHaptik(c, botMessage('hk-missing'))], statuses: [401], runs: { 'hk-missing': 0 } },
		{
			row: 'malformed signature',
			send: async (c) => {
				const raw = botMessage('hk-malformed');
				const hex = hubSignature(HAPTIK_WEBHOOK_SECRET, raw).slice(5);
				return await all([`sha1=${'z'.repeat(40)}`, `sha256=${hex}`, `sha1=${hex.slice(0, 39)}`].map((header) => toHaptik(c, raw, header)));
			},
			statuses: [401, 401, 401],
			runs: { 'hk-malformed': 0 },
		},
		{
			row: 'wrong signature (keyed by public values)',
			send: async (c) => {
				const raw = botMessage('hk-wrong');
				return await all([HAPTIK_CLIENT_ID, String(HAPTIK_BUSINESS_ID), `${c.n8n.url}${HAPTIK_PATH}`, ''].map((key) => toHaptik(c, raw, hubSignature(key, raw))));
			},
			statuses: [401, 401, 401, 401],
			runs: { 'hk-wrong': 0 },
		},
		{
			row: 'replayed: the same signed delivery again, and its signature on another body',
			send: async (c) => {
				const raw = botMessage('hk-replayed');
				return [await signedToHaptik(c, raw), await signedToHaptik(c, raw), await toHaptik(c, botMessage('hk-replay-other'), hubSignature(HAPTIK_WEBHOOK_SECRET, raw))];
			},
			statuses: (got) => expect(got.map((a) => [a.status, a.json ?? a.body])).toEqual([[200, 'firstEntryJson'], [200, { duplicate: true }], [401, { error: 'The X-Hub-Signature does not match' }]]),
			runs: { 'hk-replayed': 1, 'hk-replay-other': 0 },
		},
		{ row: 'over the payload limit', send: async (c) => [await signedToHaptik(c, OVERSIZE)], statuses: [500], runs: {} },
		{ row: 'malformed JSON (signed)', send: async (c) => [await signedToHaptik(c, botMessage('hk-bad-json').slice(0, -3))], statuses: [422], runs: { 'hk-bad-json': 0 } },
		{
			row: 'wrong content type (text/plain, signed): answered 200 and ignored, since Haptik disables a webhook that fails',
			send: async (c) => [await signedToHaptik(c, botMessage('hk-text'), { 'content-type': 'text/plain' })],
			statuses: (got) => expect(got.map((a) => [a.status, a.json])).toEqual([[200, { ignored: true }]]),
			runs: { 'hk-text': 0 },
		},
		{
			row: 'many at once: 5 messages, and one message 5 times',
			send: async (c) => await all([...times(5, (i) => signedToHaptik(c, botMessage(`hk-many-${i}`))), ...times(5, () => signedToHaptik(c, botMessage('hk-many-same')))]),
			statuses: Array(10).fill(200),
			runs: { ...Object.fromEntries(times(5, (i) => [`hk-many-${i}`, 1])), 'hk-many-same': 1 },
		},
	],
};

// ---------------------------------------------------------------------------------------------
// Haptik Trigger, agent tool (TRACT) hooks: Haptik documents no signature for them
// (sources.md#haptik-tract-message-hook), so the trigger registers its URL with a random key of its own
// on activation and refuses a hook without that key. The key is read back from what the sandbox's
// Haptik was given, as Haptik would call it.

const AGENT_TOOL_WEBHOOK_ID = 'c0ffee00-0000-4000-8000-0000000000a3';
const AGENT_TOOL_PATH = `/webhook/${AGENT_TOOL_WEBHOOK_ID}/haptik`;
const agentToolWorkflow = {
	name: 'Matrix: Haptik agent tool hooks',
	nodes: [{ ...haptikWorkflow.nodes[0], webhookId: AGENT_TOOL_WEBHOOK_ID, parameters: { events: ['userMessage'], registerHooks: true, agentToolCheck: 'urlSecret' } }],
	connections: {},
};

const agentToolMessage = (id: string) =>
	JSON.stringify({ user_id: 'matrix-user', message_id: id, conversation_number: '1', message_body: JSON.stringify({ text: `hello ${id}`, type: 'TEXT', data: {} }), sender: 'ceu', timestamp: new Date().toISOString() });
/** The key in the URL the trigger registered for the agent tool's message hook. */
const registeredKey = (context: Context) => new URL(context.sandbox.state.haptik.hooks.get('message/receive') ?? 'http://none').searchParams.get('key') ?? '';
const toAgentTool = (context: Context, raw: string | Buffer, query: string, headers?: Record<string, string>) => send(context, `${AGENT_TOOL_PATH}${query}`, raw, headers);
const withHookKey = (context: Context) => `?key=${encodeURIComponent(registeredKey(context))}`;

const haptikAgentTool: Surface = {
	name: 'Haptik Trigger (agent tool hooks)',
	async setup(context) {
		context.workflowIds.haptikAgentTool = await publish(context, agentToolWorkflow, () => toAgentTool(context, '{}', ''));
		// n8n may serve the webhook a moment before the trigger has registered it with Haptik.
		// n8n serves the webhook before activation has stored the key's hash in the workflow's static data: a
		// hook in that moment is answered 401, which Haptik retries (sources.md#haptik-webhook-retries).
		const stored = async () => JSON.stringify((await context.n8n.api('GET', `/rest/workflows/${context.workflowIds.haptikAgentTool}`)).json).includes('hookKeyHash');
		for (const deadline = Date.now() + 20_000; !(registeredKey(context) && (await stored())) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 200));
		expect(registeredKey(context)).toMatch(/^.{32,}$/);
	},
	runs: (context, markers) => runsInExecutions(context, [context.workflowIds.haptikAgentTool], markers),
	rows: [
		{ row: 'genuine: unsigned, to the URL the trigger registered', send: async (c) => [await toAgentTool(c, agentToolMessage('tt-genuine'), withHookKey(c))], statuses: [200], runs: { 'tt-genuine': 1 } },
		{ row: 'missing key', send: async (c) => [await toAgentTool(c, agentToolMessage('tt-missing'), '')], statuses: [401], runs: { 'tt-missing': 0 } },
		{
			row: 'malformed key (empty, twice, 10,000 characters)',
			send: async (c) => await all(['?key=', `${withHookKey(c)}&key=other`, `?key=${'k'.repeat(10_000)}`].map((query) => toAgentTool(c, agentToolMessage('tt-malformed'), query))),
			statuses: [401, 401, 401],
			runs: { 'tt-malformed': 0 },
		},
		{
			row: 'wrong key (public values), and the Bot API signature instead of a key',
			send: async (c) => {
				const raw = agentToolMessage('tt-wrong');
				return await all([
					...[HAPTIK_CLIENT_ID, String(HAPTIK_BUSINESS_ID), registeredKey(c).slice(0, -1)].map((key) => toAgentTool(c, raw, `?key=${encodeURIComponent(key)}`)),
					toAgentTool(c, raw, '', { 'x-hub-signature': hubSignature(HAPTIK_WEBHOOK_SECRET, raw) }),
				]);
			},
			statuses: [401, 401, 401, 401],
			runs: { 'tt-wrong': 0 },
		},
		{
			row: 'replayed (the same hook again, later)',
			send: async (c) => [await toAgentTool(c, agentToolMessage('tt-replayed'), withHookKey(c)), await toAgentTool(c, agentToolMessage('tt-replayed'), withHookKey(c))],
			statuses: (got) => expect(got.map((a) => [a.status, a.json ?? a.body])).toEqual([[200, 'firstEntryJson'], [200, { duplicate: true }]]),
			runs: { 'tt-replayed': 1 },
		},
		{ row: 'over the payload limit', send: async (c) => [await toAgentTool(c, OVERSIZE, withHookKey(c))], statuses: [500], runs: {} },
		{ row: 'malformed JSON (with the key)', send: async (c) => [await toAgentTool(c, agentToolMessage('tt-bad-json').slice(0, -3), withHookKey(c))], statuses: [422], runs: { 'tt-bad-json': 0 } },
		{
			row: 'wrong content type (text/plain, with the key): answered 200 and ignored',
			send: async (c) => [await toAgentTool(c, agentToolMessage('tt-text'), withHookKey(c), { 'content-type': 'text/plain' })],
			statuses: (got) => expect(got.map((a) => [a.status, a.json])).toEqual([[200, { ignored: true }]]),
			runs: { 'tt-text': 0 },
		},
		{
			row: 'many at once: 5 messages, and one message 5 times',
			send: async (c) => await all([...times(5, (i) => toAgentTool(c, agentToolMessage(`tt-many-${i}`), withHookKey(c))), ...times(5, () => toAgentTool(c, agentToolMessage('tt-many-same'), withHookKey(c)))]),
			statuses: Array(10).fill(200),
			runs: { ...Object.fromEntries(times(5, (i) => [`tt-many-${i}`, 1])), 'tt-many-same': 1 },
		},
		{
			// n8n writes each webhook request's static data back whole: one that read it before activation saved
			// the hash, and was written after, leaves the workflow without it. Written here as n8n would.
			row: 'genuine after an older copy of the static data, without the key’s hash, was written back',
			send: async (c) => {
				const id = c.workflowIds.haptikAgentTool;
				const database = new DatabaseSync(c.n8n.databaseFile);
				try {
					// n8n writes executions meanwhile: wait for its lock rather than fail on it.
					database.exec('PRAGMA busy_timeout = 15000');
					database.prepare('UPDATE workflow_entity SET staticData = ? WHERE id = ?').run(JSON.stringify({ 'node:Haptik Trigger': {} }), id);
				} finally {
					database.close();
				}
				expect(JSON.stringify((await c.n8n.api('GET', `/rest/workflows/${id}`)).json)).not.toContain('hookKeyHash');
				return [
					await toAgentTool(c, agentToolMessage('tt-after-copy'), withHookKey(c)),
					await toAgentTool(c, agentToolMessage('tt-after-copy-forged'), '?key=forged-after-copy'),
				];
			},
			statuses: [200, 401],
			runs: { 'tt-after-copy': 1, 'tt-after-copy-forged': 0 },
		},
	],
};

// ---------------------------------------------------------------------------------------------
// ServicePattern Relay Trigger: registrations signed with the credential's Relay Secret, at most
// 5 minutes old, each nonce once, the client ID its conversation key's. Every forged row first
// opens a real chat on the contact center, so that a relay that followed it would start a run
// (the agent's greeting).

const RELAY_ROUTE = '/webhook/servicepattern-relay';
const RELAY_PATH = 'servicepattern-relay';
const relayReplies = example('bot-chat-agent-replies.json');

/** A chat opened on the contact center for `key`, and a registration of it (not yet signed). */
async function chatFor(context: Context, key: string, issuedAt = Date.now()) {
	const clientId = conversationClientId(key);
	const chatId = await openChatAs(context.sandbox.serviceUrl('servicepattern'), SP_TENANT, SP_APP_ID, clientId);
	return registration({ clientId, chatId, conversationKey: key }, issuedAt);
}
const toRelay = (context: Context, body: unknown, signatureHeader?: string, headers: Record<string, string> = {}) =>
	send(context, RELAY_ROUTE, typeof body === 'string' || body instanceof Buffer ? body : JSON.stringify(body), { ...(signatureHeader === undefined ? {} : { [SIGNATURE_HEADER]: signatureHeader }), ...headers });
const genuineRegistration = async (context: Context, key: string) => {
	const chat = await chatFor(context, key);
	return await toRelay(context, chat, signature(chat, RELAY_PATH, testSecrets.relaySecret));
};

const relay: Surface = {
	name: 'ServicePattern Relay Trigger',
	async setup(context) {
		context.workflowIds.relay = await publish(context, relayReplies, () => toRelay(context, '{}'));
	},
	runs: (context, markers) => runsInExecutions(context, [context.workflowIds.relay], markers),
	rows: [
		{ row: 'genuine', send: async (c) => [await genuineRegistration(c, 'sp-genuine')], statuses: [200], runs: { 'sp-genuine': 1 } },
		{ row: 'missing signature', send: async (c) => [await toRelay(c, await chatFor(c, 'sp-missing'))], statuses: [401], runs: { 'sp-missing': 0 } },
		{
			row: 'malformed signature',
			send: async (c) => {
				const chat = await chatFor(c, 'sp-malformed');
				const hex = signature(chat, RELAY_PATH, testSecrets.relaySecret).slice(3);
				return await all([`v1=${'g'.repeat(64)}`, hex, `v1=${hex.slice(0, 63)}`].map((header) => toRelay(c, chat, header)));
			},
			statuses: [401, 401, 401],
			runs: { 'sp-malformed': 0 },
		},
		{
			// Every public value in every scheme: test/engine/relay-forgery.test.ts; here the App ID and the tenant.
			row: 'wrong signature: keyed by the App ID or the tenant, in each scheme the package has had',
			send: async (c) => {
				const chat = await chatFor(c, 'sp-wrong');
				return await all(forgedSignatures(chat, RELAY_PATH, [SP_APP_ID, SP_TENANT]).map((header) => toRelay(c, chat, header)));
			},
			statuses: Array(8).fill(401),
			runs: { 'sp-wrong': 0 },
		},
		{
			row: 'replayed: the same signed registration again',
			send: async (c) => {
				const chat = await chatFor(c, 'sp-replayed');
				const signed = signature(chat, RELAY_PATH, testSecrets.relaySecret);
				return [await toRelay(c, chat, signed), await toRelay(c, chat, signed)];
			},
			statuses: [200, 409],
			runs: { 'sp-replayed': 1 },
		},
		{
			row: 'stale: signed with the secret 6 minutes ago',
			send: async (c) => {
				const chat = await chatFor(c, 'sp-stale', Date.now() - 6 * 60 * 1000);
				return [await toRelay(c, chat, signature(chat, RELAY_PATH, testSecrets.relaySecret))];
			},
			statuses: [401],
			runs: { 'sp-stale': 0 },
		},
		{
			row: 'signed, but the client ID is not the conversation key’s',
			send: async (c) => {
				const chat = { ...(await chatFor(c, 'sp-other-customer')), conversationKey: 'sp-mismatch' };
				return [await toRelay(c, chat, signature(chat, RELAY_PATH, testSecrets.relaySecret))];
			},
			statuses: [422],
			runs: { 'sp-mismatch': 0, 'sp-other-customer': 0 },
		},
		{ row: 'over the payload limit', send: async (c) => [await toRelay(c, OVERSIZE)], statuses: [500], runs: {} },
		{ row: 'malformed JSON', send: async (c) => [await toRelay(c, '{"clientId": "x", "chatId":')], statuses: [422], runs: {} },
		{
			row: 'wrong content type (text/plain, signed)',
			send: async (c) => {
				const chat = await chatFor(c, 'sp-text');
				return [await toRelay(c, JSON.stringify(chat), signature(chat, RELAY_PATH, testSecrets.relaySecret), { 'content-type': 'text/plain' })];
			},
			statuses: [400],
			runs: { 'sp-text': 0 },
		},
		{
			row: 'many at once: 5 chats',
			send: async (c) => await all(times(5, (i) => genuineRegistration(c, `sp-many-${i}`))),
			statuses: Array(5).fill(200),
			runs: Object.fromEntries(times(5, (i) => [`sp-many-${i}`, 1])),
		},
	],
};

// ---------------------------------------------------------------------------------------------
// The examples' webhooks: n8n's Webhook node with Header Auth (an `api-key` header) and the MCP
// Server Trigger with Bearer Auth, each checked by n8n itself against its credential.

const keyed = (key: string) => ({ 'api-key': key });

/** The refusals every keyed webhook gives: `body` carries the marker a run would record. */
const keyRows = (route: string, body: (marker: string) => string, markers: { missing: string; malformed: string; wrong: string }, otherKey: string): Row[] => [
	{ row: 'missing key', send: async (c) => [await send(c, route, body(markers.missing))], statuses: [403], runs: { [markers.missing]: 0 } },
	{
		row: 'malformed key (empty, misnamed, as a bearer token)',
		send: async (c) => {
			const malformed: Array<Record<string, string>> = [{ 'api-key': '' }, { api_key: otherKey }, { authorization: `Bearer ${otherKey}` }];
			return await all(malformed.map((headers) => send(c, route, body(markers.malformed), headers)));
		},
		statuses: [403, 403, 403],
		runs: { [markers.malformed]: 0 },
	},
	{
		row: 'wrong key (a guess, and the key of another caller)',
		send: async (c) => await all(['sandbox-key', otherKey].map((key) => send(c, route, body(markers.wrong), keyed(key)))),
		statuses: [403, 403],
		runs: { [markers.wrong]: 0 },
	},
];

/** Calls telSpiel took for each phone, in these campaigns. */
const rings = (context: Context, campaigns: string[], phones: string[]) =>
	Object.fromEntries(phones.map((phone) => [phone, context.sandbox.state.telspiel.calls.filter((call) => call.customer_phone === phone && campaigns.includes(String(call.campaign_name))).length]));

const IVR_ROUTE = '/webhook/ivr-callback';
/** Unknown callers: each is rung back through the callback queue, at their own number. */
const ivrPhone = (n: number) => `1390000${String(n).padStart(4, '0')}`;
const ivrCall = (phone: string) => JSON.stringify({ phone });
const toIvr = (context: Context, body: string | Buffer, headers: Record<string, string> = keyed(testSecrets.ivrKey)) => send(context, IVR_ROUTE, body, headers);

const ivr: Surface = {
	name: 'IVR callback example',
	async setup(context) {
		context.workflowIds.ivr = await publish(context, example('ivr-callback.json'), () => toIvr(context, '{}', {}));
	},
	// Runs in n8n's records, as `runs:rings`: each run rings its caller once, or not at all.
	async runs(context, markers) {
		const runs = await runsInExecutions(context, [context.workflowIds.ivr], markers);
		const rung = rings(context, ['VIP desk', 'Callback queue'], markers);
		return Object.fromEntries(markers.map((marker) => [marker, `${runs[marker]}:${rung[marker]}`]));
	},
	rows: [
		{ row: 'genuine', send: async (c) => [await toIvr(c, ivrCall(ivrPhone(1)))], statuses: [200], runs: { [ivrPhone(1)]: '1:1' } },
		...keyRows(IVR_ROUTE, ivrCall, { missing: ivrPhone(10), malformed: ivrPhone(11), wrong: ivrPhone(12) }, testSecrets.botPlatformKey).map((row) => ({
			...row,
			runs: Object.fromEntries(Object.keys(row.runs).map((marker) => [marker, '0:0'])),
		})),
		{
			row: 'the same call twice: a request, not an event, so two runs, each ringing once',
			send: async (c) => [await toIvr(c, ivrCall(ivrPhone(2))), await toIvr(c, ivrCall(ivrPhone(2)))],
			statuses: [200, 200],
			runs: { [ivrPhone(2)]: '2:2' },
		},
		{ row: 'over the payload limit', send: async (c) => [await toIvr(c, OVERSIZE)], statuses: [500], runs: {} },
		{ row: 'malformed JSON', send: async (c) => [await toIvr(c, ivrCall(ivrPhone(3)).slice(0, -2))], statuses: [422], runs: { [ivrPhone(3)]: '0:0' } },
		{
			row: 'wrong content type (text/plain): the run answers 503 with the reason, nobody is rung',
			send: async (c) => [await toIvr(c, ivrCall(ivrPhone(4)), { ...keyed(testSecrets.ivrKey), 'content-type': 'text/plain' })],
			statuses: (got) => expect(got.map((a) => [a.status, (a.json as { reason?: string }).reason])).toEqual([[503, 'Invalid value for "Value" [item 0]']]),
			runs: {},
		},
		{
			row: 'many at once: 4 callers',
			send: async (c) => await all(times(4, (i) => toIvr(c, ivrCall(ivrPhone(100 + i))))),
			statuses: Array(4).fill(200),
			runs: Object.fromEntries(times(4, (i) => [ivrPhone(100 + i), '1:1'])),
		},
	],
};

const BOT_ROUTE = '/webhook/bot/callback';
/**
 * Asha's number (a known customer: the API rings only those) written in distinct ways, one per
 * request, so that each run's record says which request it was. The spaces and dashes are removed.
 */
const ashaWritten = (n: number) => {
	const digits = '13800000001';
	const cut = 1 + (n % 10);
	return `${digits.slice(0, cut)}${n >= 10 ? '-' : ' '}${digits.slice(cut)}`;
};
const booking = (mobileNo: string) => JSON.stringify({ mobileNo });
const toBotApi = (context: Context, body: string | Buffer, headers: Record<string, string> = keyed(testSecrets.botPlatformKey)) => send(context, BOT_ROUTE, body, headers);

const botApi: Surface = {
	name: 'bot-facing API example',
	async setup(context) {
		context.workflowIds.botApi = await publish(context, example('bot-callback-api.json'), () => toBotApi(context, '{}', {}));
	},
	async runs(context, markers) {
		return await runsInExecutions(context, [context.workflowIds.botApi], markers);
	},
	rows: [
		{
			row: 'genuine',
			send: async (c) => [await toBotApi(c, booking(ashaWritten(0)))],
			statuses: (got) => expect(got.map((a) => [a.status, (a.json as { status_code?: string }).status_code])).toEqual([[200, 'SUCC001']]),
			runs: { [ashaWritten(0)]: 1 },
		},
		...keyRows(BOT_ROUTE, booking, { missing: ashaWritten(1), malformed: ashaWritten(2), wrong: ashaWritten(3) }, testSecrets.ivrKey),
		{
			row: 'the same booking twice: a request, not an event, so two runs',
			send: async (c) => [await toBotApi(c, booking(ashaWritten(4))), await toBotApi(c, booking(ashaWritten(4)))],
			statuses: [200, 200],
			runs: { [ashaWritten(4)]: 2 },
		},
		{ row: 'over the payload limit', send: async (c) => [await toBotApi(c, OVERSIZE)], statuses: [500], runs: {} },
		{ row: 'malformed JSON', send: async (c) => [await toBotApi(c, booking(ashaWritten(5)).slice(0, -2))], statuses: [422], runs: { [ashaWritten(5)]: 0 } },
		{
			row: 'wrong content type (text/plain): ERR001, nobody is rung',
			send: async (c) => [await toBotApi(c, booking(ashaWritten(6)), { ...keyed(testSecrets.botPlatformKey), 'content-type': 'text/plain' })],
			statuses: (got) => expect(got.map((a) => [a.status, (a.json as { status_code?: string }).status_code])).toEqual([[400, 'ERR001']]),
			runs: {},
		},
		{
			row: 'many at once: 4 bookings',
			send: async (c) => await all(times(4, (i) => toBotApi(c, booking(ashaWritten(10 + i))))),
			statuses: Array(4).fill(200),
			runs: Object.fromEntries(times(4, (i) => [ashaWritten(10 + i), 1])),
		},
	],
};

const HANDOVER_ROUTE = '/webhook/bot-handover';
const handover = (from: string) => JSON.stringify({ from, name: from, text: `help ${from}` });
const toHandover = (context: Context, body: string | Buffer, headers: Record<string, string> = keyed(testSecrets.botPlatformKey)) => send(context, HANDOVER_ROUTE, body, headers);
/** The chats the contact center has for a customer's conversation key. */
const chatsOf = (context: Context, key: string) => [...context.sandbox.state.servicepattern.chats.values()].filter((chat) => chat.clientId === conversationClientId(key)).length;

const botHandover: Surface = {
	name: 'bot handover example',
	async setup(context) {
		context.workflowIds.handover = await publish(context, example('bot-chat-handover.json'), () => toHandover(context, '{}', {}));
	},
	// Runs in n8n's records, as `runs:chats`: the chats each customer has on the contact center.
	async runs(context, markers) {
		const runs = await runsInExecutions(context, [context.workflowIds.handover], markers);
		return Object.fromEntries(markers.map((marker) => [marker, `${runs[marker]}:${chatsOf(context, marker)}`]));
	},
	rows: [
		{ row: 'genuine', send: async (c) => [await toHandover(c, handover('ho-genuine'))], statuses: [200], runs: { 'ho-genuine': '1:1' } },
		...keyRows(HANDOVER_ROUTE, handover, { missing: 'ho-missing', malformed: 'ho-malformed', wrong: 'ho-wrong' }, testSecrets.ivrKey).map((row) => ({
			...row,
			runs: Object.fromEntries(Object.keys(row.runs).map((marker) => [marker, '0:0'])),
		})),
		{
			row: 'the same handover twice: two runs, one chat (one per customer)',
			send: async (c) => [await toHandover(c, handover('ho-twice')), await toHandover(c, handover('ho-twice'))],
			statuses: [200, 200],
			runs: { 'ho-twice': '2:1' },
		},
		{ row: 'over the payload limit', send: async (c) => [await toHandover(c, OVERSIZE)], statuses: [500], runs: {} },
		{ row: 'malformed JSON', send: async (c) => [await toHandover(c, handover('ho-bad-json').slice(0, -2))], statuses: [422], runs: { 'ho-bad-json': '0:0' } },
		{
			row: 'wrong content type (text/plain): the run fails, no chat is opened',
			send: async (c) => [await toHandover(c, handover('ho-text'), { ...keyed(testSecrets.botPlatformKey), 'content-type': 'text/plain' })],
			statuses: [500],
			runs: {},
		},
		{
			row: 'many at once: 4 customers',
			send: async (c) => await all(times(4, (i) => toHandover(c, handover(`ho-many-${i}`)))),
			statuses: Array(4).fill(200),
			runs: Object.fromEntries(times(4, (i) => [`ho-many-${i}`, '1:1'])),
		},
	],
};

const MCP_ROUTE = '/mcp/contact-center';
const MCP_CAMPAIGN = 'MCP callbacks';
const mcpPhone = (n: number) => `1392000${String(n).padStart(4, '0')}`;
/** A JSON-RPC tool call as an MCP client posts it (Streamable HTTP). */
const toolCall = (phone: string) =>
	JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'Call_Customer_Back', arguments: { customerPhone: phone, conversationId: `conversation-${phone}` } } });
const mcpHeaders = (headers: Record<string, string>) => ({ accept: 'application/json, text/event-stream', ...headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** An MCP client (@modelcontextprotocol/sdk) with the token, calling Call_Customer_Back; answers alreadyCalled. */
async function ringOverMcp(context: Context, phone: string, conversationId = `conversation-${phone}`): Promise<Answer> {
	const client = new Client({ name: 'webhook-matrix', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(`${context.n8n.url}${MCP_ROUTE}`), { requestInit: { headers: bearer(testSecrets.mcpToken) } }));
	try {
		const result = (await client.callTool({ name: 'Call_Customer_Back', arguments: { customerPhone: phone, conversationId } })) as { content: Array<{ text: string }>; isError?: boolean };
		const answer = { status: result.isError ? 500 : 200, body: result.content[0].text, text: JSON.stringify(result), json: JSON.parse(result.content[0].text) as unknown };
		answers.push(answer);
		return answer;
	} finally {
		await client.close();
	}
}

const mcp: Surface = {
	name: 'MCP server example',
	async setup(context) {
		context.workflowIds.mcp = await publish(context, example('mcp-server-tools.json'), () => send(context, MCP_ROUTE, '{}'));
	},
	// MCP tool calls are no executions of their own: what they start is the call telSpiel places.
	runs: async (context, markers) => rings(context, [MCP_CAMPAIGN], markers),
	rows: [
		{ row: 'genuine', send: async (c) => [await ringOverMcp(c, mcpPhone(1))], statuses: [200], runs: { [mcpPhone(1)]: 1 } },
		{ row: 'missing token', send: async (c) => [await send(c, MCP_ROUTE, toolCall(mcpPhone(2)), mcpHeaders({}))], statuses: [403], runs: { [mcpPhone(2)]: 0 } },
		{
			row: 'malformed token (no token, another scheme, lower-case scheme)',
			send: async (c) => await all([{ authorization: 'Bearer' }, { authorization: `Basic ${testSecrets.mcpToken}` }, { authorization: `bearer ${testSecrets.mcpToken}x` }].map((headers) => send(c, MCP_ROUTE, toolCall(mcpPhone(3)), mcpHeaders(headers)))),
			statuses: [403, 403, 403],
			runs: { [mcpPhone(3)]: 0 },
		},
		{
			row: 'wrong token (a guess, and the key of another caller)',
			send: async (c) => await all(['sandbox-token', testSecrets.ivrKey].map((token) => send(c, MCP_ROUTE, toolCall(mcpPhone(4)), mcpHeaders(bearer(token)))))
			,
			statuses: [403, 403],
			runs: { [mcpPhone(4)]: 0 },
		},
		{
			row: 'replayed: the same tool call again rings nobody (Ring Once Per the conversation ID)',
			send: async (c) => [await ringOverMcp(c, mcpPhone(5)), await ringOverMcp(c, mcpPhone(5))],
			statuses: (got) => expect(got.map((a) => [a.status, (a.json as Array<{ alreadyCalled: boolean }>)[0].alreadyCalled])).toEqual([[200, false], [200, true]]),
			runs: { [mcpPhone(5)]: 1 },
		},
		{ row: 'over the payload limit', send: async (c) => [await send(c, MCP_ROUTE, OVERSIZE, mcpHeaders(bearer(testSecrets.mcpToken)))], statuses: [500], runs: {} },
		{ row: 'malformed JSON', send: async (c) => [await send(c, MCP_ROUTE, toolCall(mcpPhone(6)).slice(0, -2), mcpHeaders(bearer(testSecrets.mcpToken)))], statuses: [422], runs: { [mcpPhone(6)]: 0 } },
		{
			row: 'wrong content type (text/plain)',
			send: async (c) => [await send(c, MCP_ROUTE, toolCall(mcpPhone(7)), mcpHeaders({ ...bearer(testSecrets.mcpToken), 'content-type': 'text/plain' }))],
			statuses: [415],
			runs: { [mcpPhone(7)]: 0 },
		},
		{
			row: 'many at once: 3 clients',
			send: async (c) => await all(times(3, (i) => ringOverMcp(c, mcpPhone(100 + i)))),
			statuses: Array(3).fill(200),
			runs: Object.fromEntries(times(3, (i) => [mcpPhone(100 + i), 1])),
		},
	],
};

/** Every inbound surface; a new one is one more entry. */
const SURFACES: Surface[] = [hover, haptikBotApi, haptikAgentTool, relay, ivr, botApi, botHandover, mcp];

const context = { workflowIds: {} } as Context;

beforeAll(async () => {
	context.sandbox = await startSandbox();
	context.n8n = await startN8n({ sandboxUrl: context.sandbox.url });
}, 240_000);

afterAll(async () => {
	await context.n8n?.stop();
	await context.sandbox?.close();
}, 60_000);

describe.each(SURFACES)('$name', (surface) => {
	const expected: Record<string, unknown> = {};

	beforeAll(async () => await surface.setup(context), 60_000);

	test.each(surface.rows)('$row', async ({ send: sendRow, statuses, runs }) => {
		const got = await sendRow(context);
		if (typeof statuses === 'function') statuses(got);
		// An unexpected status is shown with what came with it.
		else expect(got.map((answer, i) => (answer.status === statuses[i] ? answer.status : `${answer.status} ${answer.body.slice(0, 300)}`))).toEqual(statuses);
		Object.assign(expected, runs);
	}, 60_000);

	test('runs: one for each genuine event, none for anything refused, and nothing more after a while', async () => {
		const markers = Object.keys(expected);
		const deadline = Date.now() + 30_000;
		let observed = await surface.runs(context, markers);
		while (JSON.stringify(observed) !== JSON.stringify(expected) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			observed = await surface.runs(context, markers);
		}
		// Whatever a duplicate would start would have started by now.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(await surface.runs(context, markers)).toEqual(expected);
	}, 60_000);
});

// The agent tool hooks' key is made by the trigger when it is published: it joins the secrets then.
const found = (text: string) => [...SECRETS, registeredKey(context)].filter((secret) => secret && text.includes(secret));

test('no secret in any answer, in n8n’s log, or in what the package’s triggers output', async () => {
	expect(answers.length).toBeGreaterThan(100);
	expect(answers.flatMap((answer) => found(answer.text))).toEqual([]);
	expect(found(context.n8n.output())).toEqual([]);
	const outputs: string[] = [];
	for (const [workflow, trigger] of [['hover', 'Hover Trigger'], ['haptik', 'Haptik Trigger'], ['haptikAgentTool', 'Haptik Trigger'], ['relay', 'Agent Replies']]) {
		for (const record of await executionRecords(context, context.workflowIds[workflow])) {
			const runData = parse((JSON.parse(record) as { data: { data: string } }).data.data).resultData.runData as Record<string, unknown>;
			outputs.push(JSON.stringify(runData[trigger]));
		}
	}
	expect(outputs.length).toBeGreaterThan(25);
	expect(outputs.flatMap(found)).toEqual([]);
}, 120_000);

test('what n8n itself keeps in execution records (SECURITY.md): a Webhook node’s output holds the request’s headers, the caller’s key too; each execution holds a copy of its workflow, a hand-entered Hover Webhook Secret too', async () => {
	const keysIn = async (workflow: string) => (await executionRecords(context, context.workflowIds[workflow])).flatMap(found);
	expect(new Set(await keysIn('ivr'))).toEqual(new Set([testSecrets.ivrKey]));
	expect(new Set(await keysIn('botApi'))).toEqual(new Set([testSecrets.botPlatformKey]));
	expect(new Set(await keysIn('hover'))).toEqual(new Set([APP_WEBHOOK_SECRET]));
	// Haptik's secret and the Relay Secret live in credentials, which n8n keeps encrypted and out of executions.
	expect(await keysIn('haptik')).toEqual([]);
	expect(await keysIn('haptikAgentTool')).toEqual([]);
	expect(await keysIn('relay')).toEqual([]);
}, 120_000);
