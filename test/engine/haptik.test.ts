/**
 * The Haptik Trigger driven as n8n drives it (its webhook and the hook registration on activation),
 * against the sandbox's Haptik, which signs and retries its webhooks as Haptik documents; the
 * credential's Test button; Send File's limits.
 */
import type { INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { HAPTIK_WEBHOOK_SECRET } from '../../sandbox/haptik';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import { startSandbox } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/main';
import { firstDelivery, signBody } from '../../nodes/Haptik/webhook';
import { testCredential } from '../harness/credentials';
import { haptikApi, until, userMessage } from '../harness/haptik';
import { sandboxCredentials } from '../harness/operations';
import { storedBinary } from '../harness/package';
import { triggerHarness } from '../harness/triggers';
import type { TriggerHarness } from '../harness/triggers';
import { runWorkflow } from '../harness/workflow';

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

let sandbox: Sandbox;
const credentials = () => sandboxCredentials(sandbox);
beforeEach(async () => (sandbox = await startSandbox()));
afterEach(async () => await sandbox.close());

const triggerWorkflow = (events: string[], registerHooks = false): Workflow => ({
	nodes: [
		{
			id: '00000000-0000-4000-8000-0000000000a1',
			name: 'Haptik Trigger',
			type: 'n8n-nodes-contact-center.haptikTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '11111111-2222-4333-8444-555555555555',
			parameters: { events, registerHooks },
			credentials: { haptikApi: { id: '1', name: 'Sandbox' } },
		},
	],
	connections: {},
});

/** A Bot API webhook payload as Haptik documents it (sheet §2.5). */
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
		const workflow = triggerWorkflow(['botMessage', 'userMessage']);
		const first = await triggerHarness(workflow, 'Haptik Trigger', credentials());
		expect((await first.deliver(...signed(botMessage(9001)))).started).toHaveLength(1);
		expect(await first.deliver(...signed(botMessage(9001)))).toMatchObject({ status: 200, json: { duplicate: true } });
		// What another n8n process (a restart, another main) reads: the static data n8n saves after each webhook call.
		const stored = JSON.parse(JSON.stringify(first.staticData)) as Record<string, { seen?: Record<string, number> }>;
		expect(Object.keys(stored['node:Haptik Trigger'].seen ?? {})).toContain('bot:message:9001');
		expect(firstDelivery(new Map(), stored['node:Haptik Trigger'], 'bot:message:9001', Date.now())).toBe(false);
		expect(firstDelivery(new Map(), stored['node:Haptik Trigger'], 'bot:message:9002', Date.now())).toBe(true);
		// Haptik gives up after about an hour; a delivery is remembered for two.
		expect(firstDelivery(new Map(), stored['node:Haptik Trigger'], 'bot:message:9001', Date.now() + 2 * 60 * 60 * 1000 + 1)).toBe(true);
		const other = first;
		// The agent tool's messages are told apart by their own message_id.
		const userMessage = { user_id: 'hk-user-1', message_id: 9001, conversation_number: '1', message_body: '{"text":"refund please","type":"TEXT","data":{}}', sender: 'ceu', timestamp: '2026-11-23T10:00:00Z' };
		expect((await other.deliver(...signed(userMessage))).started?.[0].json).toMatchObject({ event: 'userMessage', userId: 'hk-user-1', text: 'refund please', conversationNumber: '1', sender: 'ceu' });
		expect((await other.deliver(...signed(userMessage))).started).toBeUndefined();
	});

	test('on activation it registers its URL for the agent tool’s hooks, and finds them registered afterwards', async () => {
		const hooks = await triggerHarness(triggerWorkflow(['handoverRequested'], true), 'Haptik Trigger', credentials(), { webhookBaseUrl: 'https://n8n.example.com/webhook' });
		expect(await hooks.lifecycle('checkExists')).toBe(false);
		expect(await hooks.lifecycle('create')).toBe(true);
		expect(Object.fromEntries(sandbox.state.haptik.hooks)).toEqual({
			'message/receive': hooks.webhookUrl,
			'collection_state/incomplete': hooks.webhookUrl,
			'collection_state/bot': hooks.webhookUrl,
			'collection_state/complete': hooks.webhookUrl,
		});
		expect(hooks.webhookUrl).toBe('https://n8n.example.com/webhook/11111111-2222-4333-8444-555555555555/haptik');
		expect(await hooks.lifecycle('checkExists')).toBe(true);
	});

	test('listening for a test event takes the hooks over, and stopping gives them back to the production URL', async () => {
		const production = await triggerHarness(triggerWorkflow(['handoverRequested'], true), 'Haptik Trigger', credentials(), { webhookBaseUrl: 'https://n8n.example.com/webhook' });
		expect(await production.lifecycle('create')).toBe(true);
		const test = await triggerHarness(triggerWorkflow(['handoverRequested'], true), 'Haptik Trigger', credentials(), { webhookBaseUrl: 'https://n8n.example.com/webhook-test' });
		expect(await test.lifecycle('create')).toBe(true);
		expect(new Set(sandbox.state.haptik.hooks.values())).toEqual(new Set([test.webhookUrl]));
		expect(await test.lifecycle('delete')).toBe(true);
		expect(new Set(sandbox.state.haptik.hooks.values())).toEqual(new Set([production.webhookUrl]));
		// Deactivating production later leaves the hooks as they are: there was nothing before it, and Haptik cannot remove one.
		expect(await production.lifecycle('delete')).toBe(true);
		expect(new Set(sandbox.state.haptik.hooks.values())).toEqual(new Set([production.webhookUrl]));
	});
});

/** n8n's webhook server for one trigger: answers as the trigger's webhook() does, after `delayMs`. */
async function n8nWebhook(hooks: TriggerHarness, started: INodeExecutionData[][], delayMs: () => number): Promise<TestServer> {
	return await startServer(async (request) => {
		const answer = await hooks.deliver(request.json(), request.headers, request.raw);
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

describe('Haptik credential Test button', () => {
	test('accepts the right token and client ID without creating a user', async () => {
		expect(await testCredential('haptikApi', credentials().haptikApi)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.state.haptik.users.size).toBe(0);
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
