/**
 * The example workflows in examples/, exactly as a user imports them, run by n8n's engine against
 * the sandbox with the sandbox's test accounts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import type { IWorkflowBase } from 'n8n-workflow';

import { startSandbox } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/main';
import { productionWebhook, startTrigger, triggerHarness } from '../harness/triggers';
import { runWorkflow } from '../harness/workflow';
import { sandboxCredentials } from '../harness/operations';

const example = (file: string) =>
	JSON.parse(readFileSync(path.join(__dirname, '../../examples', file), 'utf8')) as Pick<IWorkflowBase, 'nodes' | 'connections'>;

let sandbox: Sandbox;
const credentials = () => sandboxCredentials(sandbox);

beforeEach(async () => {
	sandbox = await startSandbox();
});
afterEach(async () => await sandbox.close());

const webhookCall = (body: Record<string, unknown>) => [{ json: { headers: {}, params: {}, query: {}, body } }];

test('every webhook an example serves is checked by n8n itself against a credential (Header Auth, Bearer Auth), not by a node of the flow', () => {
	const entries = [
		['ivr-callback.json', 'headerAuth', { httpHeaderAuth: { id: 'sbxIvrApiKey0001', name: 'Sandbox IVR API key' } }],
		['bot-callback-api.json', 'headerAuth', { httpHeaderAuth: { id: 'sbxBotApiKey0001', name: 'Sandbox bot platform API key' } }],
		['bot-chat-handover.json', 'headerAuth', { httpHeaderAuth: { id: 'sbxBotApiKey0001', name: 'Sandbox bot platform API key' } }],
		['mcp-server-tools.json', 'bearerAuth', { httpBearerAuth: { id: 'sbxMcpToken00001', name: 'Sandbox MCP client token' } }],
	] as const;
	for (const [file, authentication, credential] of entries) {
		const trigger = example(file).nodes.find((node) => ['n8n-nodes-base.webhook', '@n8n/n8n-nodes-langchain.mcpTrigger'].includes(node.type))!;
		expect([file, trigger.parameters.authentication, trigger.credentials]).toEqual([file, authentication, credential]);
		// No node of the flow looks at a key: n8n has refused the request before the flow runs.
		expect([file, JSON.stringify(example(file).nodes.filter((node) => node !== trigger && node.type !== 'n8n-nodes-base.stickyNote')).match(/api-key|authorization/gi)]).toEqual([file, null]);
	}
	// Each webhook of the examples that is not a package trigger is one of those (the AI agent's hosted chat is public by design).
	const served = readdirSync(path.join(__dirname, '../../examples')).flatMap((file) =>
		example(file).nodes.filter((node) => ['n8n-nodes-base.webhook', '@n8n/n8n-nodes-langchain.mcpTrigger'].includes(node.type)).map(() => file),
	);
	expect(served.sort()).toEqual(entries.map(([file]) => file).sort());
});

test('IVR callback: a VIP caller is rung back by the VIP desk, anyone else by the queue', async () => {
	const vip = await runWorkflow(example('ivr-callback.json'), { mode: 'trigger', input: webhookCall({ phone: '13800000001' }), credentials: credentials() });
	expect(vip.responses.map((r) => r.body)).toEqual([{ status: 'callback queued', desk: 'VIP desk', customer: 'Asha' }]);

	const regular = await runWorkflow(example('ivr-callback.json'), { mode: 'trigger', input: webhookCall({ phone: '13800000002' }), credentials: credentials() });
	expect(regular.responses.map((r) => r.body)).toEqual([{ status: 'callback queued', desk: 'callback queue', customer: 'Ben' }]);

	const unknown = await runWorkflow(example('ivr-callback.json'), { mode: 'trigger', input: webhookCall({ phone: '13899999999' }), credentials: credentials() });
	expect(unknown.responses.map((r) => r.body)).toEqual([{ status: 'callback queued', desk: 'callback queue', customer: null }]);

	expect(sandbox.state.telspiel.calls).toEqual([
		{ agent_phone: '9000000001', customer_phone: '13800000001', campaign_name: 'VIP desk' },
		{ agent_phone: '9000000002', customer_phone: '13800000002', campaign_name: 'Callback queue' },
		{ agent_phone: '9000000002', customer_phone: '13899999999', campaign_name: 'Callback queue' },
	]);
});

test.each([
	['Sobot', 'sobot', 'Sobot did not answer within 2 s; tried 3 times'],
	['telSpiel', 'telspiel', 'telSpiel did not answer within 3 s'],
])('IVR callback: with %s frozen, the caller hears "try again later" in seconds, with the reason, not n8n’s generic error', async (_, service, reason) => {
	await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ service, fault: 'delay', delayMs: 60_000, count: 10 }) });
	const started = Date.now();
	const result = await runWorkflow(example('ivr-callback.json'), { mode: 'trigger', input: webhookCall({ phone: '13800000001' }), credentials: credentials() });

	expect(result.responses.map((r) => [r.statusCode, r.body])).toEqual([
		[503, { status: 'failed', message: 'We could not book your callback just now. Please try again in a few minutes.', reason }],
	]);
	// An upper bound on the caller's wait (the frozen service would hold them a minute), not a benchmark.
	expect(Date.now() - started).toBeLessThan(20_000);
	// A frozen Click To Call is never sent again: the customer is not rung twice.
	expect(sandbox.log.filter((entry) => entry.service === 'telspiel')).toHaveLength(service === 'telspiel' ? 1 : 0);
}, 30_000);

test('bot chat: each customer handed over gets their own chat, and the relay workflow gets every agent reply with its customer', async () => {
	const relay = example('bot-chat-agent-replies.json');
	const replies = await startTrigger(relay, 'Agent Replies', credentials());
	const n8nWebhooks = await productionWebhook(await triggerHarness(relay, 'Agent Replies', credentials()), 'servicepattern-relay');
	try {
		const customers = ['whatsapp:+15550001', 'whatsapp:+15550002', 'whatsapp:+15550003'];
		const handovers = await Promise.all(
			customers.map(async (from) =>
				await runWorkflow(example('bot-chat-handover.json'), {
					mode: 'trigger',
					input: webhookCall({ from, name: 'Demo Customer', text: `I need a human (${from})` }),
					credentials: credentials(),
					instanceBaseUrl: `${n8nWebhooks.url}/`,
				}),
			),
		);
		for (const handover of handovers) expect(handover.output('ServicePattern: Send Message')[0].json).toMatchObject({ sent: { msg: expect.stringMatching(/^I need a human/) } });

		const items = await replies.nextItems(6, 8000);
		for (const from of customers) {
			expect(items.filter((item) => item.json.conversationKey === from).map((item) => item.json.msg)).toEqual(['Hello, how can I help?', `You said: I need a human (${from})`]);
		}
		// The trigger's items feed the rest of its workflow unchanged: the reply goes to its own customer.
		const last = items.find((item) => String(item.json.msg).startsWith('You said'))!;
		const shaped = await runWorkflow(relay, { mode: 'trigger', input: [last], credentials: credentials() });
		expect(shaped.output('Reply for the Customer')[0].json).toMatchObject({ to: last.json.conversationKey, text: last.json.msg });
	} finally {
		await replies.close();
		await n8nWebhooks.close();
	}
});

test('scheduled report: archived and idle Hover actions become report lines', async () => {
	const result = await runWorkflow(example('hover-action-report.json'), { mode: 'trigger', input: [{ json: { timestamp: '2026-11-23T07:00:00Z' } }], credentials: credentials() });

	// The sandbox's four actions (one archived); only the archived one makes a report line.
	expect(result.output('Hover: List Actions')).toHaveLength(4);
	expect(result.output('Report Line').map((item) => item.json.line)).toEqual(['Old Promo (*144#, 0ff1ce00): archived since 2026-09-01T00:00:00Z']);
});

describe('bot-facing API: a bot platform books a callback and gets Haptik’s envelope', () => {
	const call = (body: Record<string, unknown>) =>
		runWorkflow(example('bot-callback-api.json'), { mode: 'trigger', input: [{ json: { headers: { 'api-key': 'checked by n8n' }, params: {}, query: {}, body } }], credentials: credentials() });
	const answer = (result: Awaited<ReturnType<typeof call>>) => result.responses.map((r) => [r.statusCode ?? 200, r.body]);

	test('a known customer is called back: SUCC001 with the desk', async () => {
		expect(answer(await call({ mobileNo: '13800000001' }))).toEqual([
			[200, { status: 'success', status_code: 'SUCC001', message: 'Request Successful', data: { customer: 'Asha', desk: 'VIP desk' } }],
		]);
		expect(answer(await call({ mobileNo: '138 0000 0002' }))[0][1]).toMatchObject({ status_code: 'SUCC001', data: { customer: 'Ben', desk: 'callback queue' } });
		expect(sandbox.state.telspiel.calls.map((c) => c.campaign_name)).toEqual(['VIP desk', 'Callback queue']);
	});

	test('no mobile number: ERR001 and nothing is called; an unknown number: ERR002', async () => {
		expect(answer(await call({ mobile: '13800000001' }))).toEqual([
			[400, { status: 'error', status_code: 'ERR001', message: 'mobileNo is required: 6 to 15 digits, optionally starting with +' }],
		]);
		expect(sandbox.log).toEqual([]);
		expect(answer(await call({ mobileNo: '13899999999' }))).toEqual([[404, { status: 'error', status_code: 'ERR002', message: 'No customer has this mobile number' }]]);
		expect(sandbox.state.telspiel.calls).toEqual([]);
	});

	test('the call cannot be placed: ERR003 with the reason, and the call was tried once', async () => {
		await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ service: 'telspiel', fault: 'serverError', count: 5 }) });
		const [[status, body]] = answer(await call({ mobileNo: '13800000001' }));
		expect(status).toBe(502);
		expect(body).toMatchObject({ status: 'error', status_code: 'ERR003' });
		expect(String((body as { message: string }).message)).toMatch(/^The callback could not be booked: /);
		expect(sandbox.log.filter((entry) => entry.service === 'telspiel')).toHaveLength(1);
	});

	test('Sobot fails: ERR004 in the envelope with the reason (not n8n’s generic 500), and nobody is called', async () => {
		await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ service: 'sobot', fault: 'serverError', count: 5, retryAfterSeconds: 0 }) });
		expect(answer(await call({ mobileNo: '13800000001' }))).toEqual([
			[502, { status: 'error', status_code: 'ERR004', message: 'The customer could not be looked up: Sobot answered with HTTP 500: Internal server error; tried 3 times' }],
		]);
		expect(sandbox.state.telspiel.calls).toEqual([]);
	});
});
