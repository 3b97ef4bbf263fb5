/**
 * Forging the ServicePattern relay with everything public in hand: the App ID (it sits in every
 * web-chat page of the scenario entry), the tenant, the relay's webhook URL and the package's own
 * code (both signing schemes it ever had). None of it registers a chat, and no agent reply is bound
 * to another customer's conversation key. Only the Relay Secret, which n8n keeps in the credential,
 * signs a registration; a genuine one replayed, altered or stale is refused.
 *
 * The forger is written out byte for byte (test/harness/relay-wire.ts, no import of the relay's
 * code), so that this file also runs against earlier versions of the package: against the App ID
 * signing it fails.
 */
import { randomBytes } from 'node:crypto';

import type { IWorkflowBase } from 'n8n-workflow';

import { conversationClientId } from '../../nodes/ServicePattern/conversation';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import { SP_APP_ID, SP_TENANT, newSpState, servicePatternStub } from '../../sandbox/servicepattern';
import type { SpStubState } from '../../sandbox/servicepattern';
import { SIGNATURE_HEADER, forgedSignatures, openChatAs as openChat, registration, signature } from '../harness/relay-wire';
import type { Registration } from '../harness/relay-wire';
import { startTrigger, triggerHarness } from '../harness/triggers';
import type { RunningTrigger, TriggerHarness } from '../harness/triggers';
import { runWorkflow } from '../harness/workflow';

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

const RELAY_SECRET = 'relay-forgery-test-secret-0001';
const PATH = 'servicepattern-relay';
const credential = { id: '4', name: 'ServicePattern account' };

const relayWorkflow: Workflow = {
	nodes: [
		{
			id: 'relay',
			name: 'Agent Events',
			type: 'n8n-nodes-contact-center.servicePatternRelayTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { path: PATH, events: ['agentMessage'] },
			credentials: { servicePatternApi: credential },
		},
	],
	connections: {},
};

/** A bot hands one customer over: Request Chat registers the chat with the relay, as the package does. */
const handoverWorkflow: Workflow = {
	nodes: [
		{ id: 'in', name: 'Customer', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'request',
			name: 'Request Chat',
			type: 'n8n-nodes-contact-center.servicePattern',
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'chat', operation: 'requestChat', conversation: 'key', conversationKey: '={{ $json.customer }}', additionalFields: { relayPath: PATH }, requestOptions: {} },
			credentials: { servicePatternApi: credential },
		},
	],
	connections: { Customer: { main: [[{ node: 'Request Chat', type: 'main', index: 0 }]] } },
};

let state: SpStubState;
let sandbox: TestServer;
let webhook: TriggerHarness;
let n8nWebhooks: TestServer;
let relay: RunningTrigger;
/** What reached the relay's webhook, as sent: what anyone on the path could capture. */
let received: Array<{ body: Buffer; headers: Record<string, string | string[] | undefined>; status: number }>;

const credentials = () => ({ servicePatternApi: { baseUrl: sandbox.url, tenantUrl: SP_TENANT, appId: SP_APP_ID, apiVersion: 'v1', relaySecret: RELAY_SECRET } });

beforeEach(async () => {
	state = newSpState(200);
	received = [];
	sandbox = await startServer(async (request) => await servicePatternStub(state)(request));
	webhook = await triggerHarness(relayWorkflow, 'Agent Events', credentials());
	// n8n's webhook server for the relay's production webhook.
	n8nWebhooks = await startServer(async (request) => {
		if (request.method !== 'POST' || request.path !== `/webhook/${PATH}`) return { status: 404, body: { message: 'not registered' } };
		let body: unknown = {};
		try {
			body = request.json();
		} catch {
			// n8n answers bad JSON itself; the matrix (test/faults/webhook-matrix.test.ts) covers it.
		}
		const answer = await webhook.deliver(body, request.headers, request.raw);
		received.push({ body: request.raw, headers: request.headers, status: answer.status ?? 200 });
		return { status: answer.status ?? 200, body: answer.json };
	});
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials());
});

afterEach(async () => {
	await relay.close();
	await n8nWebhooks.close();
	await sandbox.close();
});

const relayUrl = () => `${n8nWebhooks.url}/webhook/${PATH}`;
const post = async (body: unknown, headers: Record<string, string> = {}) => {
	const answer = await fetch(relayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
	return { status: answer.status, json: (await answer.json().catch(() => null)) as { message?: string; following?: string } | null };
};

/** The contact center's public Mobile API, as a web-chat page calls it with the App ID. */
const openChatAs = (clientId: string) => openChat(sandbox.url, SP_TENANT, SP_APP_ID, clientId);

const PUBLIC_VALUES = () => [SP_APP_ID, SP_TENANT, `https://${SP_TENANT}`, PATH, relayUrl(), credential.name, ''];
const genuineSignature = (r: Registration) => signature(r, PATH, RELAY_SECRET);

/** The items the relay emitted: one per agent event it passed on, with the conversation it was bound to. */
const emittedItems = () => relay.emitted.flat().map((item) => item.json as { chatId: string; conversationKey: string | null; msg?: string });

/** Lets the agent write in every open chat, and waits until the relay passed it on for each chat it follows. */
async function agentWritesEverywhere(msg: string, followedChats: number) {
	for (const chat of state.chats.values()) {
		chat.pending.push({ event: 'chat_session_message', party_id: 'agent-42', msg_id: `a:${msg}`, msg, timestamp: Date.now() });
		chat.wake?.();
	}
	const deadline = Date.now() + 10_000;
	while (emittedItems().filter((item) => item.msg === msg).length < followedChats && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
	// Anything the relay would pass on beyond that comes within a poll.
	await new Promise((resolve) => setTimeout(resolve, 400));
}

test('with the App ID, the tenant, the webhook URL and the package’s code, nobody registers a chat or binds a reply to another customer', async () => {
	// A genuine customer, handed over by the package's own Request Chat.
	const handover = await runWorkflow(handoverWorkflow, { input: [{ json: { customer: 'victim' } }], credentials: credentials(), instanceBaseUrl: `${n8nWebhooks.url}/` });
	expect(handover.error('Request Chat')).toBeUndefined();
	const victimChat = String(handover.output('Request Chat')[0].json.chatId);

	// The forger opens a chat of their own on the contact center's public API.
	const forgerClient = conversationClientId('forger');
	const forgerChat = await openChatAs(forgerClient);
	const attempts = [
		// Their chat, under the victim's conversation key: the agent's replies to them would go to the victim.
		{ clientId: forgerClient, chatId: forgerChat, conversationKey: 'victim' },
		{ clientId: conversationClientId('victim'), chatId: forgerChat, conversationKey: 'victim' },
		// The victim's chat, under their own key: the agent's replies to the victim would go to them.
		{ clientId: conversationClientId('victim'), chatId: victimChat, conversationKey: 'forger' },
		{ clientId: forgerClient, chatId: victimChat, conversationKey: 'forger' },
		// Their chat with no key at all.
		{ clientId: forgerClient, chatId: forgerChat },
	];
	const answers: number[] = [];
	for (const attempt of attempts) {
		const forged = registration(attempt);
		const tries = [post(forged), ...forgedSignatures(forged, PATH, PUBLIC_VALUES()).map(async (signature) => await post(forged, { [SIGNATURE_HEADER]: signature }))];
		answers.push(...(await Promise.all(tries)).map((answer) => answer.status));
	}
	expect(answers.length).toBeGreaterThan(100);
	expect(new Set(answers)).toEqual(new Set([401]));

	// The agent writes in every chat the contact center has: the relay passes on the victim's, with the victim's key, and nothing else.
	await agentWritesEverywhere('are you there?', 1);
	const items = emittedItems();
	expect(items.filter((item) => item.msg === 'are you there?')).toEqual([expect.objectContaining({ chatId: victimChat, conversationKey: 'victim' })]);
	expect(items.filter((item) => item.chatId === forgerChat || item.conversationKey !== 'victim')).toEqual([]);
	expect(Object.keys((relay.staticData['node:Agent Events'] as { chats: object }).chats)).toEqual([victimChat]);
}, 60_000);

test('a genuine registration captured on the way is refused when replayed, altered or stale; the relay keeps its chat bound to its customer', async () => {
	await runWorkflow(handoverWorkflow, { input: [{ json: { customer: 'victim' } }], credentials: credentials(), instanceBaseUrl: `${n8nWebhooks.url}/` });
	expect(received.map((entry) => entry.status)).toEqual([200]);
	const captured = { body: JSON.parse(received[0].body.toString()) as Registration, signature: String(received[0].headers[SIGNATURE_HEADER]) };

	// Replayed as it was: nothing changes.
	const replayed = await post(received[0].body.toString(), { [SIGNATURE_HEADER]: captured.signature });
	expect([replayed.status, replayed.json?.message]).toEqual([409, 'This registration was received before; nothing changed']);
	// Bound to another customer, or given another nonce or time, with the captured signature: not signed.
	const forgerKey = { conversationKey: 'forger', clientId: conversationClientId('forger') };
	for (const altered of [{ ...captured.body, ...forgerKey }, { ...captured.body, nonce: randomBytes(16).toString('hex') }, { ...captured.body, issuedAt: captured.body.issuedAt + 1 }]) {
		expect((await post(altered, { [SIGNATURE_HEADER]: captured.signature })).status).toBe(401);
	}
	// Six minutes later, as it was: too old.
	const now = Date.now;
	jest.spyOn(Date, 'now').mockImplementation(() => now() + 6 * 60 * 1000);
	try {
		const stale = await post(received[0].body.toString(), { [SIGNATURE_HEADER]: captured.signature });
		expect([stale.status, stale.json?.message]).toEqual([401, 'The registration is too old (or from a clock more than 5 minutes off)']);
	} finally {
		jest.restoreAllMocks();
	}

	await agentWritesEverywhere('still there?', 1);
	expect(emittedItems().filter((item) => item.msg === 'still there?')).toEqual([expect.objectContaining({ chatId: captured.body.chatId, conversationKey: 'victim' })]);
}, 60_000);

test('signed with the Relay Secret: a client ID that is not its conversation key’s, or a followed chat for another customer, is refused', async () => {
	const forgerChat = await openChatAs(conversationClientId('someone'));
	// A workflow holding the secret, by mistake or not, cannot bind a chat to a key whose client ID is not its own.
	const mismatched = registration({ clientId: conversationClientId('someone'), chatId: forgerChat, conversationKey: 'victim' });
	const refused = await post(mismatched, { [SIGNATURE_HEADER]: genuineSignature(mismatched) });
	expect([refused.status, refused.json?.message]).toEqual([422, 'The client ID is not the one the conversation key gives']);

	const handover = await runWorkflow(handoverWorkflow, { input: [{ json: { customer: 'victim' } }], credentials: credentials(), instanceBaseUrl: `${n8nWebhooks.url}/` });
	const victimChat = String(handover.output('Request Chat')[0].json.chatId);
	const rebound = registration({ ...{ clientId: conversationClientId('forger'), conversationKey: 'forger' }, chatId: victimChat });
	const answer = await post(rebound, { [SIGNATURE_HEADER]: genuineSignature(rebound) });
	expect([answer.status, answer.json?.message]).toEqual([422, 'The relay follows this chat for another conversation; nothing changed']);

	await agentWritesEverywhere('hello again', 1);
	expect(emittedItems().filter((item) => item.msg === 'hello again')).toEqual([expect.objectContaining({ chatId: victimChat, conversationKey: 'victim' })]);
}, 60_000);
