/**
 * The Haptik Trigger driven as n8n drives it (its webhook and the hook registration on activation),
 * against the sandbox's Haptik, which signs its Bot API webhook, sends the agent tool's hooks
 * unsigned and retries as Haptik documents; the credential's Test button (Bot API and agent tool
 * sign-in); Send File's limits.
 */
import { generateKeyPairSync } from 'node:crypto';

import type { INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { accounts } from '../../sandbox/accounts';

import { HAPTIK_WEBHOOK_SECRET, haptikUserOf } from '../../sandbox/haptik';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import { startSandbox } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/main';
import { firstDelivery, signBody, splitHookUrl } from '../../nodes/Haptik/webhook';
import { testCredential } from '../harness/credentials';
import { haptikApi, until, userMessage } from '../harness/haptik';
import { sandboxCredentials } from '../harness/operations';
import { storedBinary } from '../harness/package';
import { listSearch } from '../harness/loadOptions';
import { triggerHarness } from '../harness/triggers';
import type { TriggerHarness } from '../harness/triggers';
import { runWorkflow } from '../harness/workflow';

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

let sandbox: Sandbox;
const credentials = () => sandboxCredentials(sandbox);
beforeEach(async () => (sandbox = await startSandbox()));
afterEach(async () => await sandbox.close());

const triggerWorkflow = (events: string[], registerHooks = false, agentToolCheck = 'urlSecret'): Workflow => ({
	nodes: [
		{
			id: '00000000-0000-4000-8000-0000000000a1',
			name: 'Haptik Trigger',
			type: 'n8n-nodes-contact-center.haptikTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '11111111-2222-4333-8444-555555555555',
			parameters: { events, registerHooks, agentToolCheck },
			credentials: { haptikApi: { id: '1', name: 'Sandbox' } },
		},
	],
	connections: {},
});

/** A Bot API webhook payload as Haptik documents it (sources.md#haptik-webhook-payload-fields). */
const botMessage = (id: number, text = 'Hi, how can I help?') => ({
	version: '1.0',
	timestamp: '2026-11-23T10:00:00.000Z',
	user: { auth_id: 'customer-1', user_id: 'hk-user-1', user_name: 'hk-name-1', device_platform: 13 },
	business_id: 343,
	business_name: 'Sandbox Channel',
	event_name: 'message',
	agent: { id: 1, name: 'gogo', is_automated: true, email: null },
	message: { id, body: { text, type: 'TEXT', data: { quick_replies: [{ actionable_text: 'Talk to an agent', type: 'TEXT_ONLY' }] } } },
});

const signed = (body: unknown, secret = HAPTIK_WEBHOOK_SECRET) => {
	const raw = Buffer.from(JSON.stringify(body));
	return [body, { 'x-hub-signature': signBody(secret, raw) }, raw] as const;
};

/** The agent tool's message hook as Haptik documents it (sources.md#haptik-tract-message-hook): no signature header. */
const agentToolMessage = (id: number, text = 'refund please') => ({
	user_id: 'hk-user-1',
	message_id: id,
	conversation_number: '1',
	message_body: JSON.stringify({ text, type: 'TEXT', data: {} }),
	sender: 'ceu',
	timestamp: '2026-11-23T10:00:00Z',
});
/** The handover event hook; a conversation of its own per call, since a delivery seen by this process (another test's) starts nothing. */
let conversations = 100;
const handover = () => ({ conversation_number: String(++conversations), user_id: 'hk-user-1', category: 'collection_state', subcategory: 'incomplete', metadata: '' });

/** A trigger activated as n8n activates it: its hooks registered with the sandbox's Haptik; the URL Haptik now calls. */
async function activated(events: string[], options: { agentToolCheck?: string; webhookBaseUrl?: string } = {}) {
	const hooks = await triggerHarness(triggerWorkflow(events, true, options.agentToolCheck), 'Haptik Trigger', credentials(), { webhookBaseUrl: options.webhookBaseUrl ?? 'https://n8n.example.com/webhook' });
	expect(await hooks.lifecycle('create')).toBe(true);
	return { hooks, hookUrl: sandbox.state.haptik.hooks.get('message/receive')! };
}

describe('Haptik Trigger', () => {
	test('a signed bot reply starts the workflow with the message read: text, quick replies, the user and the agent', async () => {
		const hooks = await triggerHarness(triggerWorkflow(['botMessage']), 'Haptik Trigger', credentials());
		const answer = await hooks.deliver(...signed(botMessage(5001)));
		expect(answer.status).toBeUndefined();
		expect(answer.started?.map((item) => item.json)).toEqual([
			expect.objectContaining({
				event: 'botMessage',
				source: 'bot',
				authId: 'customer-1',
				userId: 'hk-user-1',
				userName: 'hk-name-1',
				businessId: 343,
				messageId: '5001',
				text: 'Hi, how can I help?',
				type: 'TEXT',
				quickReplies: ['Talk to an agent'],
				agent: { name: 'gogo', isAutomated: true, email: null },
			}),
		]);
	});

	test.each([
		['no signature', {}],
		['a signature with another secret', { 'x-hub-signature': signBody('someone-else', JSON.stringify(botMessage(1))) }],
		['a malformed signature', { 'x-hub-signature': 'sha1=nothex' }],
		['a signature of other bytes', { 'x-hub-signature': signBody(HAPTIK_WEBHOOK_SECRET, JSON.stringify(botMessage(2))) }],
	])('%s: refused with 401, no workflow started', async (_, headers) => {
		const hooks = await triggerHarness(triggerWorkflow(['botMessage']), 'Haptik Trigger', credentials());
		const answer = await hooks.deliver(botMessage(1), headers);
		expect(answer.status).toBe(401);
		expect(answer.started).toBeUndefined();
	});

	test('without a webhook secret in the credential every request is refused, naming the fix', async () => {
		const unsigned = { ...credentials(), haptikApi: { ...credentials().haptikApi, webhookSecret: '' } };
		const hooks = await triggerHarness(triggerWorkflow(['botMessage']), 'Haptik Trigger', unsigned);
		const answer = await hooks.deliver(...signed(botMessage(1)));
		expect(answer).toMatchObject({ status: 401, json: { error: expect.stringMatching(/Set the Webhook Secret/) } });
		expect(answer.started).toBeUndefined();
	});

	test('events not chosen, and events Haptik may add later, are answered 200 and start nothing', async () => {
		const hooks = await triggerHarness(triggerWorkflow(['handoverRequested']), 'Haptik Trigger', credentials());
		expect(await hooks.deliver(...signed(botMessage(7)))).toMatchObject({ status: 200, json: { ignored: true } });
		expect(await hooks.deliver(...signed({ ...botMessage(8), event_name: 'typing_indicator' }))).toMatchObject({ status: 200, json: { ignored: true } });
	});

	test('one message starts one workflow however often Haptik delivers it, in this process and, through the static data n8n stores, in another', async () => {
		const { hooks: first, hookUrl } = await activated(['botMessage', 'userMessage']);
		expect((await first.deliver(...signed(botMessage(9001)))).started).toHaveLength(1);
		expect(await first.deliver(...signed(botMessage(9001)))).toMatchObject({ status: 200, json: { duplicate: true } });
		// What another n8n process (a restart, another main) reads: the static data n8n saves after each webhook call.
		const stored = JSON.parse(JSON.stringify(first.staticData)) as Record<string, { seen?: Record<string, number> }>;
		expect(Object.keys(stored['node:Haptik Trigger'].seen ?? {})).toContain('bot:message:9001');
		expect(firstDelivery(new Map(), stored['node:Haptik Trigger'], 'bot:message:9001', Date.now())).toBe(false);
		expect(firstDelivery(new Map(), stored['node:Haptik Trigger'], 'bot:message:9002', Date.now())).toBe(true);
		// Haptik gives up after about an hour; a delivery is remembered for two.
		expect(firstDelivery(new Map(), stored['node:Haptik Trigger'], 'bot:message:9001', Date.now() + 2 * 60 * 60 * 1000 + 1)).toBe(true);
		// The agent tool's messages are told apart by their own message_id.
		const userMessage = agentToolMessage(9001);
		expect((await first.deliver(userMessage, {}, undefined, hookUrl)).started?.[0].json).toMatchObject({ event: 'userMessage', userId: 'hk-user-1', text: 'refund please', conversationNumber: '1', sender: 'ceu' });
		expect((await first.deliver(userMessage, {}, undefined, hookUrl)).started).toBeUndefined();
	});

	test('a genuine agent tool hook, unsigned as Haptik sends it, at the URL the trigger registered, starts the workflow', async () => {
		const { hooks, hookUrl } = await activated(['handoverRequested', 'userMessage']);
		expect((await hooks.deliver({ ...handover(), conversation_number: '1' }, {}, undefined, hookUrl)).started?.map((item) => item.json)).toEqual([
			expect.objectContaining({ event: 'handoverRequested', source: 'agentTool', userId: 'hk-user-1', conversationNumber: '1', category: 'collection_state', subcategory: 'incomplete' }),
		]);
		expect((await hooks.deliver(agentToolMessage(77), {}, undefined, hookUrl)).started?.[0].json).toMatchObject({ event: 'userMessage', text: 'refund please' });
	});

	test.each([
		['no secret in the URL', (url: string) => splitHookUrl(url).base],
		['another secret', (url: string) => `${splitHookUrl(url).base}?key=forged-${splitHookUrl(url).key!.slice(7)}`],
		['an empty secret', (url: string) => `${splitHookUrl(url).base}?key=`],
	])('a forged agent tool hook (%s) is refused with 401 and starts nothing, signed or not', async (_, forge) => {
		const { hooks, hookUrl } = await activated(['handoverRequested', 'userMessage']);
		for (const [body, headers, raw] of [[handover(), {}, undefined], signed(agentToolMessage(78))] as const) {
			const answer = await hooks.deliver(body, headers, raw, forge(hookUrl));
			expect(answer).toMatchObject({ status: 401, json: { error: expect.stringMatching(/secret does not match/) } });
			expect(answer.started).toBeUndefined();
		}
	});

	// n8n writes each webhook request's copy of the static data back whole, after the activation wrote
	// its own: a request that read the row before can put back an empty one, or the previous hash.
	const hookLists = () => sandbox.log.filter((entry) => entry.service === 'haptik' && entry.path.startsWith('/tract/hooks/list/')).length;

	test('a hook whose hash the static data lost still passes: Haptik is asked once which key it holds, and the hash is kept again', async () => {
		const { hooks, hookUrl } = await activated(['handoverRequested', 'userMessage']);
		const state = hooks.staticData['node:Haptik Trigger'] as Record<string, unknown>;
		const registeredHash = state.hookKeyHash;
		delete state.hookKeyHash;
		const asked = hookLists();
		expect((await hooks.deliver(handover(), {}, undefined, hookUrl)).started).toHaveLength(1);
		expect(state.hookKeyHash).toBe(registeredHash);
		expect(hookLists()).toBe(asked + 1);
		// Forgeries meanwhile are refused, and cost Haptik nothing more.
		delete state.hookKeyHash;
		for (let i = 0; i < 5; i++) expect((await hooks.deliver(handover(), {}, undefined, `${splitHookUrl(hookUrl).base}?key=forged-${i}`)).status).toBe(401);
		expect(state.hookKeyHash).toBeUndefined();
		expect((await hooks.deliver(handover(), {}, undefined, hookUrl)).started).toHaveLength(1);
		expect(hookLists()).toBe(asked + 1);
	});

	test('the previous activation’s hash put back over a new one: the new key passes (Haptik holds it), the old is refused', async () => {
		const { hooks, hookUrl: old } = await activated(['handoverRequested']);
		const state = hooks.staticData['node:Haptik Trigger'] as Record<string, unknown>;
		const oldHash = state.hookKeyHash;
		expect(await hooks.lifecycle('create')).toBe(true);
		const renewed = sandbox.state.haptik.hooks.get('collection_state/incomplete')!;
		state.hookKeyHash = oldHash;
		expect((await hooks.deliver(handover(), {}, undefined, renewed)).started).toHaveLength(1);
		expect(state.hookKeyHash).not.toBe(oldHash);
		expect((await hooks.deliver(handover(), {}, undefined, old)).status).toBe(401);
	});

	test('the hook URL’s secret opens no Bot API delivery, and a new activation’s secret replaces the old one', async () => {
		const { hooks, hookUrl } = await activated(['botMessage', 'handoverRequested']);
		// A Bot API body (event_name) is checked by its signature wherever it arrives.
		expect(await hooks.deliver(botMessage(31), {}, undefined, hookUrl)).toMatchObject({ status: 401, json: { error: 'The X-Hub-Signature does not match' } });
		// Activated again (deactivated and activated, or after its hooks were lost): a new secret, the old one refused.
		expect(await hooks.lifecycle('create')).toBe(true);
		const renewed = sandbox.state.haptik.hooks.get('collection_state/incomplete')!;
		expect(splitHookUrl(renewed).key).not.toBe(splitHookUrl(hookUrl).key);
		expect((await hooks.deliver(handover(), {}, undefined, hookUrl)).status).toBe(401);
		expect((await hooks.deliver(handover(), {}, undefined, renewed)).started).toHaveLength(1);
		// Only the secret's hash is kept in the workflow's static data (saved in n8n's database).
		expect(JSON.stringify(hooks.staticData)).not.toContain(splitHookUrl(renewed).key);
	});

	test('without registering the hooks, agent tool hooks are refused, naming the fix; with the X-Hub-Signature check they must be signed', async () => {
		const unregistered = await triggerHarness(triggerWorkflow(['handoverRequested']), 'Haptik Trigger', credentials());
		expect(await unregistered.deliver(handover())).toMatchObject({ status: 401, json: { error: expect.stringMatching(/turn on Register With the Agent Tool API, or choose X-Hub-Signature/) } });
		const bySignature = await triggerHarness(triggerWorkflow(['handoverRequested'], false, 'signature'), 'Haptik Trigger', credentials());
		expect((await bySignature.deliver(handover())).status).toBe(401);
		expect((await bySignature.deliver(...signed(handover()))).started).toHaveLength(1);
	});

	test('User Created for Agent Tool: its hook is registered only when chosen, answered { success: true }, and starts the workflow', async () => {
		await activated(['handoverRequested']);
		expect(sandbox.state.haptik.hooks.has('user_events/create_user')).toBe(false);
		const { hooks } = await activated(['handoverRequested', 'agentToolUserCreated']);
		const url = sandbox.state.haptik.hooks.get('user_events/create_user')!;
		expect(splitHookUrl(url).key).toBeTruthy();
		const created = { user_id: 'hk-user-9', third_party_user_id: '919999999999', user_name: 'hk-name-9', device_platform: '14', details_available: [{ name: 'mobile_no' }] };
		const answer = await hooks.deliver(created, {}, undefined, url);
		expect(answer.response).toEqual({ success: true });
		expect(answer.started?.[0].json).toMatchObject({ event: 'agentToolUserCreated', userId: 'hk-user-9', thirdPartyUserId: '919999999999', userName: 'hk-name-9', devicePlatform: '14' });
		expect(await hooks.deliver(created, {}, undefined, url)).toMatchObject({ status: 200, json: { success: true, duplicate: true } });
	});

	test('on activation it registers its URL for the agent tool’s hooks, and finds them registered afterwards', async () => {
		const hooks = await triggerHarness(triggerWorkflow(['handoverRequested'], true), 'Haptik Trigger', credentials(), { webhookBaseUrl: 'https://n8n.example.com/webhook' });
		expect(await hooks.lifecycle('checkExists')).toBe(false);
		expect(await hooks.lifecycle('create')).toBe(true);
		const registered = Object.fromEntries(sandbox.state.haptik.hooks);
		expect(Object.keys(registered).sort()).toEqual(['collection_state/bot', 'collection_state/complete', 'collection_state/incomplete', 'message/receive']);
		// One URL for all: the trigger's, with a secret of 32 random characters.
		expect(new Set(Object.values(registered)).size).toBe(1);
		expect(registered['message/receive']).toMatch(/^https:\/\/n8n\.example\.com\/webhook\/11111111-2222-4333-8444-555555555555\/haptik\?key=[\w-]{32}$/);
		expect(hooks.webhookUrl).toBe('https://n8n.example.com/webhook/11111111-2222-4333-8444-555555555555/haptik');
		expect(await hooks.lifecycle('checkExists')).toBe(true);
		// Registration carried the agent tool's token, from one sign-in.
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(1);
	});

	test('listening for a test event takes the hooks over, and stopping gives them back to the production URL', async () => {
		const production = await triggerHarness(triggerWorkflow(['handoverRequested'], true), 'Haptik Trigger', credentials(), { webhookBaseUrl: 'https://n8n.example.com/webhook' });
		expect(await production.lifecycle('create')).toBe(true);
		const test = await triggerHarness(triggerWorkflow(['handoverRequested'], true), 'Haptik Trigger', credentials(), { webhookBaseUrl: 'https://n8n.example.com/webhook-test' });
		const productionUrl = sandbox.state.haptik.hooks.get('message/receive')!;
		expect(await test.lifecycle('create')).toBe(true);
		const bases = () => new Set([...sandbox.state.haptik.hooks.values()].map((url) => splitHookUrl(url).base));
		expect(bases()).toEqual(new Set([test.webhookUrl]));
		expect(await test.lifecycle('delete')).toBe(true);
		// Given back exactly as they were, production's secret included: its hooks still pass.
		expect(new Set(sandbox.state.haptik.hooks.values())).toEqual(new Set([productionUrl]));
		expect((await production.deliver(handover(), {}, undefined, productionUrl)).started).toHaveLength(1);
		// Deactivating production later leaves the hooks as they are: there was nothing before it, and Haptik cannot remove one.
		expect(await production.lifecycle('delete')).toBe(true);
		expect(bases()).toEqual(new Set([production.webhookUrl]));
	});
});

/** n8n's webhook server for one trigger: answers as the trigger's webhook() does, after `delayMs`. */
async function n8nWebhook(hooks: TriggerHarness | (() => TriggerHarness), started: INodeExecutionData[][], delayMs: () => number): Promise<TestServer> {
	return await startServer(async (request) => {
		const answer = await (typeof hooks === 'function' ? hooks() : hooks).deliver(request.json(), request.headers, request.raw, request.path);
		if (answer.started) started.push(answer.started);
		return { status: answer.status ?? 200, body: answer.json ?? {}, delayMs: delayMs() };
	});
}

test('the sandbox’s Haptik signs its webhooks and retries on its schedule when n8n answers late; the workflow starts once', async () => {
	// Haptik's schedule (+5 s, +25 s, …) at 1/500 of its length, and 300 ms instead of 5 s to answer.
	await fetch(`${sandbox.url}/__sandbox/haptik/settings`, { method: 'POST', body: JSON.stringify({ retryScale: 0.002, answerWithinMs: 300 }) });
	const hooks = await triggerHarness(triggerWorkflow(['botMessage']), 'Haptik Trigger', credentials());
	const started: INodeExecutionData[][] = [];
	let answers = 0;
	// n8n answers the first two deliveries too late (a busy instance), then at once.
	const n8n = await n8nWebhook(hooks, started, () => (++answers <= 2 ? 600 : 0));
	try {
		await fetch(`${sandbox.url}/__sandbox/haptik/settings`, { method: 'POST', body: JSON.stringify({ botWebhookUrl: `${n8n.url}/webhook/haptik` }) });
		expect((await haptikApi(sandbox, '/v1.0/user/', { auth_id: 'customer-7' })).status).toBe(200);
		expect((await userMessage(sandbox, 'customer-7', 'hello')).status).toBe(200);
		const [delivery] = await until(() => sandbox.state.haptik.deliveries, (all) => all[0]?.delivered === true, 'the delivery to n8n');
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual(['timeout', 'timeout', 200]);
		// Each delivery was signed: the trigger refuses unsigned ones, and it started the workflow.
		expect(started).toHaveLength(1);
		expect(started[0][0].json).toMatchObject({ event: 'botMessage', authId: 'customer-7', text: 'You said: hello' });
	} finally {
		await n8n.close();
	}
});

test('after its last retry Haptik disables the webhook, and sends nothing until it is set again', async () => {
	await fetch(`${sandbox.url}/__sandbox/haptik/settings`, { method: 'POST', body: JSON.stringify({ retryScale: 0.0005, answerWithinMs: 100, botWebhookUrl: 'http://127.0.0.1:9/webhook/haptik' }) });
	expect((await haptikApi(sandbox, '/v1.0/user/', { auth_id: 'customer-8' })).status).toBe(200);
	await userMessage(sandbox, 'customer-8', 'hello');
	const disabled = await until(() => sandbox.state.haptik.botWebhookDisabled, Boolean, 'the webhook disabled', 15_000);
	expect(disabled).toBe(true);
	expect(sandbox.state.haptik.deliveries[0].attempts).toHaveLength(7);
	await userMessage(sandbox, 'customer-8', 'again');
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(sandbox.state.haptik.deliveries).toHaveLength(1);
}, 30_000);

/** One Haptik operation as a workflow: Input → the node (Continue On Fail) → After. */
const operation = (parameters: Record<string, unknown>): Workflow => ({
	nodes: [
		{ id: '00000000-0000-4000-8000-0000000000d1', name: 'Input', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: '00000000-0000-4000-8000-0000000000d2',
			name: 'Haptik',
			type: 'n8n-nodes-contact-center.haptik',
			typeVersion: 1,
			position: [200, 0],
			parameters: parameters as never,
			credentials: { haptikApi: { id: '1', name: 'Sandbox' } },
			onError: 'continueRegularOutput',
		},
	],
	connections: { Input: { main: [[{ node: 'Haptik', type: 'main', index: 0 }]] } },
});
const runHaptik = async (parameters: Record<string, unknown>, options: { items?: number; credentials?: Record<string, unknown> } = {}) =>
	await runWorkflow(operation(parameters), {
		input: Array.from({ length: options.items ?? 1 }, (_, index) => ({ json: { index } })),
		credentials: { ...credentials(), haptikApi: { ...credentials().haptikApi, ...options.credentials } as never },
	});
const outputs = (result: Awaited<ReturnType<typeof runHaptik>>) => result.output('Haptik').map((item) => item.json);

test('Re-enable Webhook: a wrong Webhook Secret in n8n gets the webhook disabled by Haptik; with the secret corrected, re-enabling delivers what Haptik queued', async () => {
	await fetch(`${sandbox.url}/__sandbox/haptik/settings`, { method: 'POST', body: JSON.stringify({ retryScale: 0.0005, answerWithinMs: 300 }) });
	const started: INodeExecutionData[][] = [];
	const wrong = await triggerHarness(triggerWorkflow(['botMessage']), 'Haptik Trigger', { ...credentials(), haptikApi: { ...credentials().haptikApi, webhookSecret: 'mistyped-secret' } });
	const right = await triggerHarness(triggerWorkflow(['botMessage']), 'Haptik Trigger', credentials());
	let trigger = wrong;
	const n8n = await n8nWebhook(() => trigger, started, () => 0);
	try {
		await fetch(`${sandbox.url}/__sandbox/haptik/settings`, { method: 'POST', body: JSON.stringify({ botWebhookUrl: `${n8n.url}/webhook/haptik` }) });
		expect((await haptikApi(sandbox, '/v1.0/user/', { auth_id: 'customer-9' })).status).toBe(200);
		await userMessage(sandbox, 'customer-9', 'first');
		// The trigger answers every retry 401; after the last one Haptik disables the webhook.
		await until(() => sandbox.state.haptik.botWebhookDisabled, Boolean, 'the webhook disabled', 15_000);
		expect(sandbox.state.haptik.deliveries[0].attempts.map((attempt) => attempt.status)).toEqual(Array(7).fill(401));
		await userMessage(sandbox, 'customer-9', 'second');
		await until(() => sandbox.state.haptik.queued.length, (queued) => queued === 1, 'the reply queued');
		expect(started).toEqual([]);

		trigger = right;
		const result = await runHaptik({ resource: 'webhook', operation: 'reenable', options: {} });
		expect(outputs(result)).toEqual([{ enabled: true }]);
		await until(() => started.length, (count) => count === 1, 'the queued reply delivered');
		expect(started[0][0].json).toMatchObject({ event: 'botMessage', authId: 'customer-9', text: 'You said: second' });
		expect(sandbox.state.haptik.botWebhookDisabled).toBe(false);
	} finally {
		await n8n.close();
	}
}, 30_000);

describe('Haptik agent tool sign-in (TRACT)', () => {
	const asha = haptikUserOf('customer-1042');
	const getUser = { resource: 'agentTool', operation: 'getUser', userId: asha.userId, details: 'name' };
	beforeEach(async () => {
		expect((await haptikApi(sandbox, '/v1.0/user/', { auth_id: 'customer-1042', name: 'Asha' })).status).toBe(200);
		expect((await userMessage(sandbox, 'customer-1042', 'I want to talk to a human')).status).toBe(200);
	});

	test('the agent tool operations carry the token Haptik issued to the signed sign-in, not the bot token; many items, one sign-in', async () => {
		const result = await runHaptik(getUser, { items: 5 });
		expect(outputs(result)).toEqual(Array(5).fill(expect.objectContaining({ userId: asha.userId, details: { name: 'Asha' } })));
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(1);
		// The sandbox refuses the bot token there, as the docs' "access tokens to be used with rest of the APIs" implies.
		const withBotToken = await haptikApi(sandbox, '/tract/user/', { user_id: asha.userId });
		expect(withBotToken.status).toBe(401);
	});

	test('a token the credential holds (n8n’s database, shared by every worker) is used without signing in', async () => {
		await runHaptik(getUser);
		const [stored] = [...sandbox.state.haptik.agentToolTokens.keys()];
		const before = sandbox.state.haptik.agentToolSignIns.length;
		expect(outputs(await runHaptik(getUser, { items: 3, credentials: { agentToolToken: stored } }))).toHaveLength(3);
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(before);
	});

	test('refused (expired or revoked at Haptik): one new sign-in for the run, each request repeated once; refused again: a clear error, no loop', async () => {
		await runHaptik(getUser);
		const [stored] = [...sandbox.state.haptik.agentToolTokens.keys()];
		await fetch(`${sandbox.url}/__sandbox/haptik/settings`, { method: 'POST', body: JSON.stringify({ revokeAgentToolTokens: true }) });
		sandbox.log.length = 0;
		const renewed = await runHaptik({ resource: 'agentTool', operation: 'sendMessage', userId: asha.userId, text: 'Hi, I am Ana', sender: 'aeu' }, { items: 3, credentials: { agentToolToken: stored } });
		expect(outputs(renewed)).toEqual(Array(3).fill({ userId: asha.userId, sent: true }));
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(2);
		const sends = sandbox.log.filter((entry) => entry.path === '/tract/message/send/');
		expect(sends.map((entry) => entry.status).sort()).toEqual([200, 200, 200, 401, 401, 401]);

		// Every token refused, even those issued from now on: one more sign-in, two refusals, then the error.
		await fetch(`${sandbox.url}/__sandbox/haptik/settings`, { method: 'POST', body: JSON.stringify({ agentToolTokenTtlS: -60, revokeAgentToolTokens: true }) });
		sandbox.log.length = 0;
		const refused = await runHaptik(getUser, { credentials: { agentToolToken: '' } });
		expect(outputs(refused)[0]).toMatchObject({ error: expect.stringMatching(/^Haptik refused the agent tool token \(HTTP 401\)/) });
		expect(sandbox.log.filter((entry) => entry.path === '/tract/user/')).toHaveLength(2);
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(3);
	});

	test('Bot API requests never sign in to the agent tool, and work for a credential without the sign-in, whose agent tool operations name the setting', async () => {
		await runHaptik({ resource: 'message', operation: 'send', authId: 'customer-1042', text: 'hello', options: {} });
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(0);
		const botOnly = { agentToolSignIn: false, agentToolFqdn: '', agentToolPrivateKey: '', agentToolCertUuid: '' };
		expect(outputs(await runHaptik({ resource: 'user', operation: 'createOrUpdate', authId: 'customer-5', additionalFields: {} }, { credentials: botOnly }))).toEqual([expect.objectContaining({ auth_id: 'customer-5' })]);
		const agentTool = outputs(await runHaptik(getUser, { credentials: botOnly }))[0];
		expect(agentTool).toMatchObject({ error: 'The Haptik credential does not sign in to the agent tool APIs' });
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(0);
		expect(sandbox.log.filter((entry) => entry.path.startsWith('/tract/'))).toEqual([]);
	});

	test('a CA-signed certificate: the sign-in names its chain URL, which Haptik fetches and checks', async () => {
		const caSigned = { agentToolSigning: 'caSigned', agentToolCertUuid: '', agentToolCertChainUrl: accounts.haptik.agentTool.certChainUrl };
		expect(outputs(await runHaptik(getUser, { credentials: caSigned }))[0]).toMatchObject({ userId: asha.userId });
		expect(sandbox.state.haptik.agentToolSignIns.map((signIn) => signIn.certificate)).toEqual(['chainUrl']);
	});

	test('List Listeners, and Hand Back’s receivers picked from them for the user named in the node', async () => {
		const listeners = outputs(await runHaptik({ resource: 'agentTool', operation: 'listListeners', userId: asha.userId }));
		expect(listeners.map((l) => [l.receiverId, l.isDefault, l.isPrimary, l.active])).toEqual([
			['iva', true, true, false],
			['athena', false, true, false],
			['message_delivery_contact_center', false, false, true],
		]);
		const node = { type: 'n8n-nodes-contact-center.haptik', credentials: { haptikApi: { id: '1', name: 'Sandbox' } } };
		const picked = await listSearch({ ...node, parameters: { resource: 'agentTool', operation: 'handBack', userId: asha.userId } }, 'searchReceivers', credentials());
		expect(picked.results).toEqual([
			{ name: 'iva (default, primary)', value: 'iva' },
			{ name: 'athena (primary)', value: 'athena' },
			{ name: 'message_delivery_contact_center (active)', value: 'message_delivery_contact_center' },
		]);
		expect((await listSearch({ ...node, parameters: { userId: asha.userId } }, 'searchReceivers', credentials(), 'IVA')).results).toEqual([{ name: 'iva (default, primary)', value: 'iva' }]);
		await expect(listSearch({ ...node, parameters: { userId: '={{ $json.userId }}' } }, 'searchReceivers', credentials())).rejects.toThrow(/Enter a Haptik User ID/);
		const handed = await runHaptik({ resource: 'agentTool', operation: 'handBack', userId: asha.userId, botReceiver: { __rl: true, mode: 'list', value: 'iva' }, agentToolReceiver: { __rl: true, mode: 'id', value: 'message_delivery_contact_center' } });
		expect(outputs(handed)).toEqual([{ userId: asha.userId, sent: true, receiver: 'iva' }]);
	});
});

describe('Haptik credential Test button', () => {
	test('accepts the right token and client ID, and signs in to the agent tool, without creating a user', async () => {
		expect(await testCredential('haptikApi', credentials().haptikApi)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.state.haptik.users.size).toBe(0);
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(1);
	});
	test('for a credential without the agent tool sign-in, proves the bot token alone', async () => {
		expect(await testCredential('haptikApi', { ...credentials().haptikApi, agentToolSignIn: false })).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.state.haptik.agentToolSignIns).toHaveLength(0);
	});
	test.each([
		['a key other than the certificate’s', { agentToolPrivateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }, /Haptik refused the agent tool sign-in with HTTP 400: the signature does not match the body/],
		['an unknown certificate UUID', { agentToolCertUuid: '00000000-0000-4000-8000-000000000000' }, /HTTP 400: unknown SignatureCertUUID/],
		['an FQDN not in the certificate', { agentToolFqdn: 'other.example.com' }, /HTTP 400: unknown ECT FQDN/],
		['a missing FQDN', { agentToolFqdn: '' }, /agent tool sign-in lacks: FQDN/],
		['a chain URL Haptik would not fetch', { agentToolSigning: 'caSigned', agentToolCertChainUrl: 'http://sandbox-ect.example.com/certs/chain.pem' }, /it must use https; its path must begin with \/ect\.api\//],
		['text that is no private key', { agentToolPrivateKey: 'not a key' }, /private key cannot be read/],
	])('names %s in the agent tool sign-in', async (_, change, message) => {
		expect(await testCredential('haptikApi', { ...credentials().haptikApi, ...change })).toEqual({ status: 'Error', message: expect.stringMatching(message) });
	});
	test('takes a key pasted into one line (a password box drops line breaks)', async () => {
		const oneLine = accounts.haptik.agentTool.privateKey.replace(/\n/g, ' ');
		expect(await testCredential('haptikApi', { ...credentials().haptikApi, agentToolPrivateKey: oneLine })).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
	test('names a wrong token', async () => {
		expect(await testCredential('haptikApi', { ...credentials().haptikApi, token: 'wrong' })).toMatchObject({ status: 'Error', message: expect.stringMatching(/Haptik refused the token or client ID/) });
	});
	test('fails when something else answers at the base URL', async () => {
		const other = await startServer(() => ({ status: 200, body: { ok: true } }));
		try {
			expect(await testCredential('haptikApi', { ...credentials().haptikApi, baseUrl: other.url })).toMatchObject({ status: 'Error', message: expect.stringMatching(/not Haptik’s messenger API/) });
		} finally {
			await other.close();
		}
	});
});

describe('Haptik Send File', () => {
	const sendFile = (fileName: string): Workflow => ({
		nodes: [
			{ id: '00000000-0000-4000-8000-0000000000b1', name: 'Input', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '00000000-0000-4000-8000-0000000000b2',
				name: 'Send File',
				type: 'n8n-nodes-contact-center.haptik',
				typeVersion: 1,
				position: [200, 0],
				parameters: { resource: 'message', operation: 'sendFile', authId: 'customer-1042', binaryProperty: 'data', options: { fileName } },
				credentials: { haptikApi: { id: '1', name: 'Sandbox' } },
				onError: 'continueRegularOutput',
			},
		],
		connections: { Input: { main: [[{ node: 'Send File', type: 'main', index: 0 }]] } },
	});
	const run = async (content: Buffer, fileName: string) =>
		await runWorkflow(sendFile(fileName), { input: [{ json: {}, binary: { data: await storedBinary(content, fileName, 'application/octet-stream') } }], credentials: credentials() });

	test.each([
		['a file over 10 MB', Buffer.alloc(10 * 1024 * 1024 + 1), 'scan.pdf', /The file is 10\.0 MB; Haptik accepts at most 10 MB/],
		['a kind Haptik does not take', Buffer.from('MZ'), 'setup.exe', /Haptik does not take \.exe files/],
	])('%s is refused before anything is sent', async (_, content, fileName, message) => {
		const result = await run(content, fileName);
		expect(String(result.output('Send File')[0].json.error)).toMatch(message);
		expect(sandbox.log.filter((entry) => entry.service === 'haptik')).toEqual([]);
	});

	test('an image is sent as message type 1, a document as 52, with its bytes', async () => {
		expect((await haptikApi(sandbox, '/v1.0/user/', { auth_id: 'customer-1042' })).status).toBe(200);
		expect((await run(Buffer.from('GIF89a...'), 'photo.gif')).output('Send File')[0].json).toMatchObject({ message_type: 1 });
		expect((await run(Buffer.from('a,b\n1,2\n'), 'orders.csv')).output('Send File')[0].json).toMatchObject({ message_type: 52 });
		expect(sandbox.state.haptik.files).toEqual([
			{ auth_id: 'customer-1042', fileName: 'photo.gif', size: 9, message_type: 1 },
			{ auth_id: 'customer-1042', fileName: 'orders.csv', size: 8, message_type: 52 },
		]);
	});
});
