/**
 * The ServicePattern Relay Trigger: chats opened by a workflow run (Request Chat with a Relay Path)
 * are registered over HTTP with the relay's own webhook, which hands them to the relay trigger
 * running in the same process; the trigger follows every one of them at once, one held poll each.
 * The webhook is reached as n8n's webhook server would call it (test/harness/triggers.ts
 * productionWebhook: a loopback HTTP server in front of webhook(), through n8n-core's WebhookContext).
 */
import type { IWorkflowBase } from 'n8n-workflow';

import { conversationClientId } from '../../nodes/ServicePattern/conversation';
import { SIGNATURE_HEADER, newRegistration, signRegistration } from '../../nodes/ServicePattern/relay';
import { testSecrets } from '../../sandbox/accounts';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import { SP_APP_ID, SP_TENANT, newSpState, servicePatternStub } from '../../sandbox/servicepattern';
import type { SpStubState } from '../../sandbox/servicepattern';
import { productionWebhook, startTrigger, triggerHarness } from '../harness/triggers';
import type { RunningTrigger, TriggerHarness } from '../harness/triggers';
import { runWorkflow } from '../harness/workflow';

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

const credential = { id: '4', name: 'ServicePattern account' };
const relayWorkflow: Workflow = {
	nodes: [
		{
			id: 'relay',
			name: 'Agent Events',
			type: 'n8n-nodes-contact-center.servicePatternRelayTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { path: 'servicepattern-relay', events: ['agentMessage', 'chatEnded'] },
			credentials: { servicePatternApi: credential },
		},
	],
	connections: {},
};

/** Many customers at once: each item opens its customer's chat (registered with the relay) and says something. */
const handoverWorkflow: Workflow = {
	nodes: [
		{ id: 'in', name: 'Customers', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'request',
			name: 'Request Chat',
			type: 'n8n-nodes-contact-center.servicePattern',
			typeVersion: 1,
			position: [200, 0],
			parameters: { resource: 'chat', operation: 'requestChat', conversation: 'key', conversationKey: '={{ $json.customer }}', additionalFields: { relayPath: 'servicepattern-relay' }, requestOptions: { concurrency: 10 } },
			credentials: { servicePatternApi: credential },
		},
		{
			id: 'send',
			name: 'Send Message',
			type: 'n8n-nodes-contact-center.servicePattern',
			typeVersion: 1,
			position: [400, 0],
			parameters: {
				resource: 'event',
				operation: 'sendMessage',
				conversation: 'clientId',
				clientId: '={{ $json.clientId }}',
				chatId: '={{ $json.chatId }}',
				message: "={{ 'question from ' + $('Customers').item.json.customer }}",
				requestOptions: { concurrency: 10 },
			},
			credentials: { servicePatternApi: credential },
		},
	],
	connections: {
		Customers: { main: [[{ node: 'Request Chat', type: 'main', index: 0 }]] },
		'Request Chat': { main: [[{ node: 'Send Message', type: 'main', index: 0 }]] },
	},
};

let state: SpStubState;
let sandbox: TestServer;
let sandboxPort: number;
let webhook: TriggerHarness;
let n8nWebhooks: TestServer;
let relay: RunningTrigger | undefined;

const credentials = (changes: Record<string, string> = {}) => ({
	servicePatternApi: { baseUrl: sandbox.url, tenantUrl: SP_TENANT, appId: SP_APP_ID, apiVersion: 'v1', relaySecret: testSecrets.relaySecret, ...changes },
});
const startSandbox = async (port = 0) => await startServer(async (request) => await servicePatternStub(state)(request), port);

beforeEach(async () => {
	state = newSpState(300);
	sandbox = await startSandbox();
	sandboxPort = Number(new URL(sandbox.url).port);
	webhook = await triggerHarness(relayWorkflow, 'Agent Events', credentials());
	n8nWebhooks = await productionWebhook(webhook, 'servicepattern-relay', () => relay !== undefined);
});

afterEach(async () => {
	await relay?.close();
	relay = undefined;
	await n8nWebhooks.close();
	await sandbox.close();
});

const customers = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { customer: `customer-${String(i + 1).padStart(2, '0')}` } }));
const openChats = async (count: number) =>
	await runWorkflow(handoverWorkflow, { input: customers(count), credentials: credentials(), instanceBaseUrl: `${n8nWebhooks.url}/` });

test('50 conversations at once: every agent message reaches the relay once, with its conversation, in order', async () => {
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials());
	const result = await openChats(50);
	expect(result.error('Request Chat')).toBeUndefined();
	expect(result.error('Send Message')).toBeUndefined();
	expect(result.output('Request Chat').every((item) => item.json.relay === 'servicepattern-relay')).toBe(true);

	// Each chat: the agent's greeting, then the answer to the customer's question.
	const items = (await relay.nextItems(100, 20_000)).map((item) => item.json);
	const byConversation = new Map<string, string[]>();
	for (const item of items) byConversation.set(String(item.conversationKey), [...(byConversation.get(String(item.conversationKey)) ?? []), String(item.msg)]);
	expect(byConversation.size).toBe(50);
	for (const { json } of customers(50)) {
		expect(byConversation.get(json.customer)).toEqual(['Hello, how can I help?', `You said: question from ${json.customer}`]);
	}
	for (const item of items) expect(item.clientId).toBe(conversationClientId(String(item.conversationKey)));
	// One held poll per chat, never two.
	expect(state.overlappingPolls).toBe(0);
	expect(relay.errors).toEqual([]);
	expect(Object.keys(relay.staticData['node:Agent Events'] as object)).toEqual(['chats', 'nonces']);
}, 60_000);

test('a chat that ends is reported once and no longer followed', async () => {
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials());
	await openChats(1);
	await relay.nextItems(2, 10_000);
	const bye = structuredClone(handoverWorkflow);
	bye.nodes[2].parameters.message = 'bye';
	await runWorkflow(bye, { input: customers(1), credentials: credentials(), instanceBaseUrl: `${n8nWebhooks.url}/` });
	const items = (await relay.nextItems(4, 10_000)).map((item) => item.json);
	expect(items.slice(2).map((item) => item.event)).toEqual(['chat_session_message', 'chat_session_ended']);
	// Its poll loop is over: the relay no longer remembers the chat.
	await new Promise((resolve) => setTimeout(resolve, 200));
	const chats = (relay.staticData['node:Agent Events'] as { chats: Record<string, unknown> }).chats;
	expect(chats).toEqual({});
});

test('the relay survives a contact-center restart: the outage is reported once, then events flow again', async () => {
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials());
	await openChats(5);
	await relay.nextItems(10, 10_000);
	await sandbox.close();
	// Polls now fail (connection refused): one failed execution for the outage, no emitError.
	const deadline = Date.now() + 10_000;
	while (relay.failedExecutions.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
	expect(relay.failedExecutions).toHaveLength(1);
	expect(relay.failedExecutions[0].message).toMatch(/ServicePattern could not be reached/);
	// The contact center comes back (same state, same port) and an agent writes in every chat.
	sandbox = await startSandbox(sandboxPort);
	for (const chat of state.chats.values()) {
		chat.pending.push({ event: 'chat_session_message', party_id: 'agent-42', msg_id: 'a:late', msg: 'Sorry for the wait', timestamp: Date.now() });
		chat.wake?.();
	}
	const late = (await relay.nextItems(15, 40_000)).slice(10).map((item) => item.json);
	expect(late.map((item) => item.msg)).toEqual(Array(5).fill('Sorry for the wait'));
	expect(new Set(late.map((item) => item.conversationKey)).size).toBe(5);
	expect(relay.failedExecutions).toHaveLength(1);
	expect(relay.errors).toEqual([]);
}, 60_000);

test('after n8n restarts, the relay follows the chats it had (kept in the workflow’s static data)', async () => {
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials());
	await openChats(3);
	await relay.nextItems(6, 10_000);
	// As n8n stores it (a JSON column, written with each execution the trigger starts).
	const saved = JSON.parse(JSON.stringify(relay.staticData));
	await relay.close();
	// n8n is down for a while: the polls it left behind run out on the contact center's side.
	await new Promise((resolve) => setTimeout(resolve, 500));
	for (const chat of state.chats.values()) chat.pending.push({ event: 'chat_session_message', party_id: 'agent-42', msg_id: 'a:9', msg: 'Still there?', timestamp: Date.now() });
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials(), saved);
	const items = (await relay.nextItems(3, 10_000)).map((item) => item.json);
	expect(items.map((item) => item.msg)).toEqual(Array(3).fill('Still there?'));
	expect(new Set(items.map((item) => item.conversationKey))).toEqual(new Set(['customer-01', 'customer-02', 'customer-03']));
});

test('the relay’s webhook takes a registration signed with its Relay Secret once, and refuses one for a relay not running', async () => {
	const registration = newRegistration({ clientId: conversationClientId('customer-x'), chatId: 'chat-1', conversationKey: 'customer-x' }, Date.now());
	const signed = { [SIGNATURE_HEADER]: signRegistration(registration, 'servicepattern-relay', testSecrets.relaySecret) };
	// Signed right, but no relay trigger runs in this process.
	const orphan = await webhook.deliver(registration, signed);
	expect(orphan.status).toBe(503);
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials());
	const taken = await webhook.deliver(registration, signed);
	expect([taken.status, taken.json]).toEqual([200, { following: 'chat-1', chats: 1 }]);
	// The same registration again (a retry whose first attempt arrived, or a replay): nothing changes.
	const again = await webhook.deliver(registration, signed);
	expect([again.status, again.json]).toEqual([409, { message: 'This registration was received before; nothing changed' }]);
	expect(relay.staticData['node:Agent Events']).toMatchObject({ nonces: { [registration.nonce]: registration.issuedAt + 5 * 60 * 1000 } });
});

test('without a Relay Secret in the credential, the relay does not start and Request Chat says what to set, the chat still open', async () => {
	await expect(startTrigger(relayWorkflow, 'Agent Events', credentials({ relaySecret: '' }))).rejects.toThrow('The ServicePattern credential has no Relay Secret');
	await expect(startTrigger(relayWorkflow, 'Agent Events', credentials({ relaySecret: 'short-secret' }))).rejects.toThrow('Relay Secret is shorter than 16 characters');
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials());
	const result = await runWorkflow(handoverWorkflow, { input: customers(1), credentials: credentials({ relaySecret: '' }), instanceBaseUrl: `${n8nWebhooks.url}/` });
	const error = result.error('Request Chat');
	expect(error?.message).toBe('The ServicePattern credential has no Relay Secret. The chat is open, but the relay takes only signed registrations');
	expect(error?.description).toMatch(/Set the same Relay Secret/);
	expect([...state.chats.values()]).toHaveLength(1);
	expect(relay.emitted).toEqual([]);
	// The secret taken out of the relay's credential while it runs: its webhook takes nothing, however signed.
	const unkeyed = await triggerHarness(relayWorkflow, 'Agent Events', credentials({ relaySecret: '' }));
	const registration = newRegistration({ clientId: conversationClientId('customer-y'), chatId: 'chat-9', conversationKey: 'customer-y' }, Date.now());
	const answer = await unkeyed.deliver(registration, { [SIGNATURE_HEADER]: signRegistration(registration, 'servicepattern-relay', testSecrets.relaySecret) });
	expect([answer.status, answer.json]).toEqual([401, { message: 'The ServicePattern credential has no Relay Secret, so this relay takes no registrations' }]);
});

test('a relay with another Relay Secret refuses Request Chat’s registration, and Request Chat says so', async () => {
	relay = await startTrigger(relayWorkflow, 'Agent Events', credentials());
	const result = await runWorkflow(handoverWorkflow, { input: customers(1), credentials: credentials({ relaySecret: 'another-relay-secret-0002' }), instanceBaseUrl: `${n8nWebhooks.url}/` });
	expect(result.error('Request Chat')?.message).toBe('The ServicePattern Relay Trigger at /webhook/servicepattern-relay did not take the chat: The registration is not signed with this relay’s Relay Secret');
	expect(relay.emitted).toEqual([]);
});

test('Request Chat with a Relay Path and no active relay fails the item with words, the chat still open', async () => {
	const result = await openChats(1);
	const error = result.error('Request Chat');
	expect(error?.message).toBe('No active ServicePattern Relay Trigger listens at /webhook/servicepattern-relay');
	expect(error?.description).toMatch(/Activate the workflow whose ServicePattern Relay Trigger has this Relay Path/);
	expect([...state.chats.values()]).toHaveLength(1);
});
