/**
 * `npm start` as a newcomer meets it: the sandbox and real n8n (the n8n CLI) come up with the package
 * installed as a community package that Settings → Community Nodes lists, the credentials and the
 * examples; an example runs in that n8n from its production webhook; SIGTERM to the npm process
 * stops n8n, its task runner and the sandbox; a busy port is named before anything starts. Every
 * port is a free one, so this passes while another n8n runs on the machine.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { callsFor, chat, chatPage, modelRequests, scriptModel, toolResults } from '../harness/model';
import { eventually, executionsOf, outputsOf, publishWorkflow } from '../harness/n8n-rest';
import type { Api } from '../harness/n8n-rest';

const ROOT = path.resolve(__dirname, '../..');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePorts, isFree } = require('../../scripts/free-ports.cjs') as {
	freePorts(count: number): Promise<number[]>;
	isFree(port: number): Promise<boolean>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { restClient } = require('../../scripts/n8n-setup.cjs') as { restClient(baseUrl: string): Api };

/** Processes still running with this test's n8n folder in their environment (n8n, its task runner). */
function runningUnder(marker: string): string[] {
	const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
	return out
		.split('\n')
		.filter((line) => /n8n|task-runner|start\.cjs/.test(line))
		.filter((line) => {
			const pid = line.trim().split(/\s+/)[0];
			try {
				return execFileSync('cat', [`/proc/${pid}/environ`], { encoding: 'utf8' }).includes(marker);
			} catch {
				return false;
			}
		});
}

/**
 * The environment `npm start` gets from a newcomer's shell, with the ports and folder chosen here:
 * no n8n settings of its own (test/setup.ts makes some for the engine in process, and silences n8n),
 * and outside jest, so n8n loads its nodes.
 */
const newcomerEnv = (ports: { n8n: number; sandbox: number; broker: number }, userFolder: string) => ({
	...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('N8N_'))),
	NODE_ENV: 'production',
	N8N_PORT: String(ports.n8n),
	SANDBOX_PORT: String(ports.sandbox),
	N8N_RUNNERS_BROKER_PORT: String(ports.broker),
	N8N_DEV_FOLDER: userFolder,
});

let child: ChildProcess;
let output = '';
let n8nUrl: string;
let sandboxUrl: string;
let brokerPort: number;
const folder = mkdtempSync(path.join(tmpdir(), 'n8n-start-'));
let api: Api;
/** A key npm start made for this n8n, read from the file it says it is in. */
const keyFile = (name: string) => readFileSync(path.join(folder, 'keys', name), 'utf8').trim();

beforeAll(async () => {
	const [n8nPort, sandboxPort, broker] = await freePorts(3);
	brokerPort = broker;
	n8nUrl = `http://127.0.0.1:${n8nPort}`;
	api = restClient(n8nUrl);
	sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
	// `npm start` itself, as a newcomer, an IDE or a process manager runs it.
	child = spawn('npm', ['start'], {
		cwd: ROOT,
		env: newcomerEnv({ n8n: n8nPort, sandbox: sandboxPort, broker: brokerPort }, folder),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const deadline = Date.now() + 170_000;
	while (!output.includes('n8n is ready') && Date.now() < deadline && child.exitCode === null) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	if (!output.includes('n8n is ready')) throw new Error(`npm start did not come up:\n${output.slice(-3000)}`);
	const setup = await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'New', lastName: 'Comer', password: 'Sandbox-Passw0rd' });
	if (setup.status !== 200) throw new Error(`The owner could not be set up (HTTP ${setup.status}: ${JSON.stringify(setup.json)?.slice(0, 300)}):\n${output.slice(-3000)}`);
}, 180_000);

afterAll(async () => {
	if (child.exitCode === null) child.kill('SIGKILL');
	// When the SIGTERM test did not run (a filtered run, a failed start), npm's children outlive it.
	for (const line of runningUnder(folder)) {
		try {
			process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
		} catch {
			// gone meanwhile
		}
	}
	rmSync(folder, { recursive: true, force: true });
});

/** Whether something accepts a TCP connection at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host, port, timeout: 2_000 });
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => (socket.destroy(), resolve(false)));
	});
}

test('n8n listens on loopback only, and says how to open it to the network', async () => {
	const port = Number(new URL(n8nUrl).port);
	expect(output).toContain('n8n listens on 127.0.0.1 only (N8N_LISTEN_ADDRESS=0.0.0.0 npm start opens it');
	expect(await accepts('127.0.0.1', port)).toBe(true);
	// The machine's other addresses, where anyone on the network would reach an n8n listening on all interfaces.
	const outside = Object.values(networkInterfaces()).flat().filter((address) => address && !address.internal && address.family === 'IPv4').map((address) => address!.address);
	for (const address of outside) expect([address, await accepts(address, port)]).toEqual([address, false]);
});

test('the first start builds the package, or finds it current, and stamps what it built', () => {
	expect(output).toMatch(/Building the package and the sandbox(…|: skipped, dist\/ and build\/sandbox\/ are current)/);
	expect(existsSync(path.join(ROOT, 'build', '.start-build-stamp'))).toBe(true);
});

test('it prints where n8n is, and n8n offers every node and credential of the package', async () => {
	expect(output).toContain(`n8n is ready: http://localhost:${new URL(n8nUrl).port}`);
	const nodes = JSON.stringify((await api('GET', '/types/nodes.json')).json);
	for (const name of ['telSpiel', 'sobot', 'hover', 'hoverTrigger', 'servicePattern', 'servicePatternTrigger', 'servicePatternRelayTrigger', 'haptik', 'haptikTrigger', 'telSpielTool']) {
		expect(nodes).toContain(`"n8n-nodes-contact-center.${name}"`);
	}
	const credentials = JSON.stringify((await api('GET', '/types/credentials.json')).json);
	for (const name of ['telSpielApi', 'sobotApi', 'hoverApi', 'servicePatternApi', 'haptikApi']) expect(credentials).toContain(`"${name}"`);
});

test('the imported sandbox credentials pass n8n’s own credential test', async () => {
	for (const id of ['sbxTelSpiel00001', 'sbxSobot00000001', 'sbxHover00000001', 'sbxSvcPattern001', 'sbxHaptik0000001', 'sbxOpenAiModel01']) {
		const stored = (await api('GET', `/rest/credentials/${id}?includeData=true`)).json!.data as Record<string, unknown>;
		const tested = await api('POST', '/rest/credentials/test', { credentials: { id, name: stored.name, type: stored.type, data: stored.data } });
		expect([id, tested.json!.data]).toEqual([id, { status: 'OK', message: 'Connection successful!' }]);
	}
});

test('the IVR example, published, answers a call from its production webhook', async () => {
	const workflows = (await api('GET', '/rest/workflows')).json!.data as Array<{ id: string; name: string }>;
	expect(workflows.map((w) => w.name).sort()).toEqual([
		'AI agent: find the customer in Sobot and call them back',
		'Bot API: book a callback for a bot platform (Haptik envelope)',
		'Bot chat: hand a customer over to an agent',
		'Bot chat: relay the agents’ replies of every conversation',
		'Haptik: hand a customer over to a contact-center agent',
		'Haptik: the agents’ replies back to each customer, and the chat back to the bot',
		'IVR callback: VIP callers to the VIP desk',
		'MCP server: the contact-center tools for any MCP client',
		'Scheduled: report archived and idle Hover actions',
	]);
	const ivr = workflows.find((w) => w.name.startsWith('IVR'))!;
	const { versionId } = (await api('GET', `/rest/workflows/${ivr.id}`)).json!.data as { versionId: string };
	const activated = await api('POST', `/rest/workflows/${ivr.id}/activate`, { versionId });
	expect([activated.status, (activated.json?.data as { activeVersionId?: string })?.activeVersionId]).toEqual([200, versionId]);

	// n8n registers a published workflow's webhooks just after answering the publish request.
	const callIvr = (key = keyFile('ivr-key')) =>
		fetch(`${n8nUrl}/webhook/ivr-callback`, { method: 'POST', headers: { 'content-type': 'application/json', 'api-key': key }, body: JSON.stringify({ phone: '13800000001' }) });
	let call = await callIvr();
	for (let attempt = 0; call.status === 404 && attempt < 30; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		call = await callIvr();
	}
	expect(await call.json()).toEqual({ status: 'callback queued', desk: 'VIP desk', customer: 'Asha' });
	// The tests' published key is not this n8n's: npm start made its own.
	expect((await callIvr('sandbox-ivr-key-0001')).status).toBe(403);
	const log = (await (await fetch(`${sandboxUrl}/__sandbox/requests`)).json()) as { requests: Array<{ service: string; path: string; status: number }> };
	// The credential test above probes the same path without phone numbers (answered 422): one call was placed.
	expect(log.requests.filter((r) => r.service === 'telspiel').map((r) => [r.path, r.status])).toEqual([
		['/api/click-to-call', 422],
		['/api/click-to-call', 200],
	]);
});

test('the bot-facing API, published, checks the api-key header (n8n’s Header Auth, with the key npm start made) and answers in Haptik’s envelope', async () => {
	const workflows = (await api('GET', '/rest/workflows')).json!.data as Array<{ id: string; name: string }>;
	const bot = workflows.find((w) => w.name.startsWith('Bot API'))!;
	const { versionId } = (await api('GET', `/rest/workflows/${bot.id}`)).json!.data as { versionId: string };
	expect((await api('POST', `/rest/workflows/${bot.id}/activate`, { versionId })).status).toBe(200);

	const book = (key: string) =>
		fetch(`${n8nUrl}/webhook/bot/callback`, { method: 'POST', headers: { 'content-type': 'application/json', 'api-key': key }, body: JSON.stringify({ mobileNo: '13800000002' }) });
	let answer = await book(keyFile('bot-platform-key'));
	for (let attempt = 0; answer.status === 404 && attempt < 30; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		answer = await book(keyFile('bot-platform-key'));
	}
	expect([answer.status, await answer.json()]).toEqual([
		200,
		{ status: 'success', status_code: 'SUCC001', message: 'Request Successful', data: { customer: 'Ben', desk: 'callback queue' } },
	]);
	for (const wrong of ['wrong-key', 'sandbox-bot-key-0001', keyFile('ivr-key')]) expect((await book(wrong)).status).toBe(403);
});

test('the relay, published: chats opened by the handover example reach its trigger over n8n’s own webhook, and every agent reply runs the relay workflow with its customer', async () => {
	const relayId = await publishWorkflow(api, 'Bot chat: relay the agents’ replies of every conversation', () => fetch(`${n8nUrl}/webhook/servicepattern-relay`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));
	const handOver = (from: string) =>
		fetch(`${n8nUrl}/webhook/bot-handover`, { method: 'POST', headers: { 'content-type': 'application/json', 'api-key': keyFile('bot-platform-key') }, body: JSON.stringify({ from, name: from, text: `help ${from}` }) });
	await publishWorkflow(api, 'Bot chat: hand a customer over to an agent', () => handOver('probe'));
	const customers = ['relay-1', 'relay-2', 'relay-3'];
	for (const answer of await Promise.all(customers.map(handOver))) expect(answer.status).toBe(200);

	// What the relay workflow's last node made, from n8n's own execution records.
	const replies = () => outputsOf<{ to: string; text: string }>(api, relayId, 'Reply for the Customer');
	const made = await eventually(replies, (all) => all.filter((reply) => customers.includes(reply.to)).length >= 6);
	for (const customer of customers) {
		expect([customer, made.filter((reply) => reply.to === customer).map((reply) => reply.text)]).toEqual([customer, ['Hello, how can I help?', `You said: help ${customer}`]]);
	}
}, 90_000);

test('the Haptik handover, published: activation registers the trigger with the sandbox’s Haptik, which hands customers over; agents answer them on Haptik and hand them back to the bot', async () => {
	const repliesId = await publishWorkflow(api, 'Haptik: the agents’ replies back to each customer, and the chat back to the bot', () =>
		fetch(`${n8nUrl}/webhook/haptik-agent-replies`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
	);
	// Unsigned, the probe is refused (401) once the webhook is live.
	await publishWorkflow(api, 'Haptik: hand a customer over to a contact-center agent', () =>
		fetch(`${n8nUrl}/webhook/a0a0a0a0-0000-4000-8000-00000000aaaa/haptik`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
	);
	const state = async () =>
		(await (await fetch(`${sandboxUrl}/__sandbox/haptik/state`)).json()) as {
			hooks: Record<string, string>;
			users: Array<{ auth_id: string; user_id: string }>;
			conversations: Record<string, { holder: string; number: number; messages: Array<{ sender: string; text: string }> }>;
			deliveries: Array<{ url: string; signed: boolean; delivered: boolean }>;
			agentToolSignIns: unknown[];
		};
	// n8n makes the webhook live, then signs in to the agent tool and registers it with Haptik (the trigger's
	// webhookMethods.create), with a secret of its own in the URL.
	const registered = await eventually(state, (all) => Object.keys(all.hooks).length === 4);
	const hookUrl = `${n8nUrl.replace('127.0.0.1', 'localhost')}/webhook/a0a0a0a0-0000-4000-8000-00000000aaaa/haptik`;
	expect(new Set(Object.values(registered.hooks)).size).toBe(1);
	expect(Object.values(registered.hooks)[0]).toMatch(new RegExp(`^${hookUrl.replace(/[.?]/g, '\\$&')}\\?key=[\\w-]{32}$`));
	expect(registered.agentToolSignIns).toHaveLength(1);
	const haptik = (route: string, body: unknown) =>
		fetch(`${sandboxUrl}/haptik${route}`, { method: 'POST', headers: { authorization: 'Bearer sandbox-haptik-token-0001', 'client-id': 'sandbox-client-0001', 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const customers = [
		['hk-asha', '13800000001'],
		['hk-new', '13899999999'],
	];
	for (const [authId, mobile] of customers) expect((await haptik('/v1.0/user/', { auth_id: authId, name: authId, mobile_no: mobile })).status).toBe(200);
	for (const [authId] of customers) expect((await haptik('/v1.0/log_message_from_user/', { user: { auth_id: authId }, message_body: 'I need a human', message_type: 0, business_id: 343 })).status).toBe(200);

	const userIds = (await state()).users.filter((user) => customers.some(([authId]) => authId === user.auth_id)).map((user) => user.user_id);
	const agentSaid = (all: Awaited<ReturnType<typeof state>>, userId: string) => (all.conversations[userId]?.messages ?? []).filter((m) => m.sender === 'aeu').map((m) => m.text);
	const answered = await eventually(state, (all) => userIds.every((id) => agentSaid(all, id).length >= 2), 60_000);
	expect(agentSaid(answered, userIds[0]).sort()).toEqual(['Hello, how can I help?', expect.stringMatching(/^You said: Handed over by the Haptik bot. Customer: Asha \(VIP: yes\)\nTranscript:\nuser: I need a human/)]);
	expect(agentSaid(answered, userIds[1]).join('\n')).toMatch(/Customer: not in Sobot/);

	for (const [authId] of customers) expect((await haptik('/v1.0/log_message_from_user/', { user: { auth_id: authId }, message_body: 'bye', message_type: 0, business_id: 343 })).status).toBe(200);
	const back = await eventually(state, (all) => userIds.every((id) => all.conversations[id].holder === 'bot'), 60_000);
	for (const id of userIds) expect([agentSaid(back, id).includes('Goodbye!'), back.conversations[id].number]).toEqual([true, 2]);
	// Haptik's agent tool hooks reached n8n unsigned, at the registered URL, and were taken (the last ones may be on their way).
	const hooksTo = (all: Awaited<ReturnType<typeof state>>) => all.deliveries.filter((delivery) => delivery.url.startsWith(hookUrl));
	const hooks = hooksTo(await eventually(state, (all) => hooksTo(all).every((delivery) => delivery.delivered)));
	expect(hooks.length).toBeGreaterThanOrEqual(4);
	expect(hooks.filter((delivery) => delivery.signed || !delivery.delivered)).toEqual([]);
	// n8n's execution records follow a moment after the runs themselves.
	const handedBack = await eventually(() => outputsOf<{ receiver: string }>(api, repliesId, 'Haptik: Hand Back to Bot'), (all) => all.length >= 2);
	expect(handedBack.filter((item) => item.receiver === 'iva')).toHaveLength(2);
}, 150_000);

describe('the AI agent example, published: Chat Trigger → AI Agent (the sandbox’s scripted model) with Sobot Find Customer and telSpiel Click To Call as tools', () => {
	let agentId: string;
	beforeAll(async () => {
		agentId = await publishWorkflow(api, 'AI agent: find the customer in Sobot and call them back', chatPage(n8nUrl));
	}, 60_000);

	test('a customer who leaves their number is found in Sobot and called back, once; an unknown number is not called', async () => {
		await scriptModel(sandboxUrl, []);
		expect(await chat(n8nUrl, 'chat-asha', 'Please call me back on 13800000001')).toEqual({ status: 200, output: 'Thank you, Asha: an agent is calling you now on 13800000001.' });
		// What the model saw the tools answer: the customer Sobot found, then telSpiel's acceptance.
		const [customer, call] = toolResults(await modelRequests(sandboxUrl)).map((result) => (JSON.parse(result) as Array<Record<string, unknown>>)[0]);
		expect(customer).toMatchObject({ found: true, id: 'u-1001', nick: 'Asha', isVip: '1' });
		expect(call).toEqual({ code: 200, status: 'success', message: 'Data successfully submitted for call.', alreadyCalled: false });
		expect(await chat(n8nUrl, 'chat-unknown', 'Call me on 13899999999')).toEqual({ status: 200, output: 'I could not find a customer with the number 13899999999. An agent will review your request.' });
		expect(await callsFor(sandboxUrl, 'AI agent callbacks')).toEqual(['13800000001']);
	}, 60_000);

	test('the tool schemas n8n sends the model: clear names and descriptions, and only the parameters the model fills', async () => {
		await scriptModel(sandboxUrl, []);
		await chat(n8nUrl, 'chat-schemas', 'Please call me back on 13800000002');
		const [first] = await modelRequests(sandboxUrl);
		const tools = first.tools.map(({ function: tool }) => ({ name: tool.name, description: tool.description, parameters: tool.parameters?.properties, required: tool.parameters?.required }));
		expect(tools.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
			{
				name: 'Call_Customer_Back',
				description: 'Ring an agent, then connect a customer in telSpiel',
				// The agent's number, the campaign and the once-per-chat key are the flow's, not the model's.
				parameters: { customerPhone: { type: 'string', description: 'The number to call the customer back on, as they wrote it' } },
				required: ['customerPhone'],
			},
			{
				name: 'Find_Customer_in_Sobot',
				description: 'Find a customer in Sobot',
				parameters: { phone: { type: 'string', description: 'The customer’s phone number, as they wrote it' } },
				required: ['phone'],
			},
		]);
	}, 60_000);

	test('invalid arguments from the model come back to it as a tool error naming the field and what was expected; the execution succeeds', async () => {
		const callsBefore = await callsFor(sandboxUrl, 'AI agent callbacks');
		await scriptModel(sandboxUrl, [{ toolCalls: [{ name: 'Call_Customer_Back', arguments: { customerPhone: 'call me maybe' } }] }, { content: 'Which number should we call?' }]);
		expect(await chat(n8nUrl, 'chat-invalid', 'Call me maybe')).toEqual({ status: 200, output: 'Which number should we call?' });
		expect(toolResults(await modelRequests(sandboxUrl))).toEqual([
			JSON.stringify([{ error: 'Invalid value for "Customer Phone". Customer Phone: Expected a phone number of 6 to 15 digits (a leading +, spaces, dashes, dots and brackets are removed), got "call me maybe".' }]),
		]);
		const [last] = (await executionsOf(api, agentId)).slice(-1);
		expect(last.status).toBe('success');
		expect(await callsFor(sandboxUrl, 'AI agent callbacks')).toEqual(callsBefore);
	}, 60_000);

	test('a model that calls Click To Call twice for one customer in one chat rings them once ("Ring Once Per" the chat’s session ID), in the same execution and the next; another chat may ring them', async () => {
		const find = { name: 'Find_Customer_in_Sobot', arguments: { phone: '13800000002' } };
		const ring = { name: 'Call_Customer_Back', arguments: { customerPhone: '13800000002' } };
		await scriptModel(sandboxUrl, [{ toolCalls: [find] }, { toolCalls: [ring] }, { toolCalls: [ring] }, { content: 'Calling you.' }, { toolCalls: [ring] }, { content: 'Still calling you.' }]);
		expect((await chat(n8nUrl, 'chat-twice', 'Call me on 13800000002')).output).toBe('Calling you.');
		const results = toolResults(await modelRequests(sandboxUrl));
		expect(results.slice(1).map((result) => (JSON.parse(result) as Array<{ alreadyCalled: boolean }>)[0].alreadyCalled)).toEqual([false, true]);
		expect((await chat(n8nUrl, 'chat-twice', 'Did you call me?')).output).toBe('Still calling you.');
		const before = (await callsFor(sandboxUrl, 'AI agent callbacks')).filter((phone) => phone === '13800000002');
		await scriptModel(sandboxUrl, [{ toolCalls: [ring] }, { content: 'Calling you again.' }]);
		expect((await chat(n8nUrl, 'chat-later', 'Call me again on 13800000002')).output).toBe('Calling you again.');
		const after = (await callsFor(sandboxUrl, 'AI agent callbacks')).filter((phone) => phone === '13800000002');
		// chat-schemas (the test above) rang 13800000002 once; chat-twice adds one call, chat-later another.
		expect([before.length, after.length]).toEqual([2, 3]);
	}, 90_000);
});

test('MCP: the MCP server example, published, lists the same tools to an MCP client, which finds a customer in Sobot and gets clear tool errors', async () => {
	await publishWorkflow(api, 'MCP server: the contact-center tools for any MCP client', () => fetch(`${n8nUrl}/mcp/contact-center`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
	// Without the token npm start made, n8n's Bearer Auth of the trigger refuses the client.
	const refused = new Client({ name: 'contact-center-test', version: '1.0.0' });
	await expect(refused.connect(new StreamableHTTPClientTransport(new URL(`${n8nUrl}/mcp/contact-center`)))).rejects.toThrow(/Authorization data is wrong/);
	const client = new Client({ name: 'contact-center-test', version: '1.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(`${n8nUrl}/mcp/contact-center`), { requestInit: { headers: { authorization: `Bearer ${keyFile('mcp-token')}` } } }));
	try {
		const { tools } = await client.listTools();
		expect(tools.map((tool) => [tool.name, tool.description, Object.keys(tool.inputSchema.properties ?? {})]).sort()).toEqual([
			['Call_Customer_Back', 'Ring an agent, then connect a customer in telSpiel', ['customerPhone', 'conversationId']],
			['Find_Customer_in_Sobot', 'Find a customer in Sobot', ['phone']],
		]);
		const found = (await client.callTool({ name: 'Find_Customer_in_Sobot', arguments: { phone: '13800000001' } })) as { content: Array<{ text: string }>; isError?: boolean };
		expect(found.isError).toBeFalsy();
		expect(JSON.parse(found.content[0].text)).toEqual([expect.objectContaining({ found: true, id: 'u-1001', nick: 'Asha', isVip: '1' })]);

		const invalid = (await client.callTool({ name: 'Call_Customer_Back', arguments: { customerPhone: 'soon', conversationId: 'mcp-1' } })) as { content: Array<{ text: string }>; isError?: boolean };
		expect([invalid.isError, invalid.content[0].text]).toEqual([true, expect.stringContaining('Invalid value for "Customer Phone". Customer Phone: Expected a phone number of 6 to 15 digits')]);
		const ring = () => client.callTool({ name: 'Call_Customer_Back', arguments: { customerPhone: '13800000001', conversationId: 'mcp-1' } }) as Promise<{ content: Array<{ text: string }> }>;
		const answers = [await ring(), await ring()].map((answer) => (JSON.parse(answer.content[0].text) as Array<{ alreadyCalled: boolean }>)[0].alreadyCalled);
		expect(answers).toEqual([false, true]);
		expect(await callsFor(sandboxUrl, 'MCP callbacks')).toEqual(['13800000001']);
	} finally {
		await client.close();
	}
}, 60_000);

test('Settings → Community Nodes lists the package with its nodes, loaded', async () => {
	const { status, json } = await api('GET', '/rest/community-packages');
	expect(status).toBe(200);
	const [installed] = (json!.data as Array<{ packageName: string; installedVersion: string; failedLoading?: boolean; installedNodes: Array<{ type: string }> }>).filter(
		(entry) => entry.packageName === 'n8n-nodes-contact-center',
	);
	expect(installed).toMatchObject({ installedVersion: '0.1.0', failedLoading: false });
	expect(installed.installedNodes.map((node) => node.type).sort()).toEqual(
		['haptik', 'haptikTrigger', 'hover', 'hoverTrigger', 'servicePattern', 'servicePatternRelayTrigger', 'servicePatternTrigger', 'sobot', 'telSpiel'].map((name) => `n8n-nodes-contact-center.${name}`),
	);
});

test('start-up says what it does, without deprecation warnings of our own settings or stack traces of offline calls', async () => {
	// What the editor asks for when the nodes panel opens: n8n's list of verified community nodes,
	// which it would fetch from its own server (offline: ENOTFOUND and three stack traces).
	expect((await api('GET', '/rest/community-node-types')).status).toBe(200);
	await new Promise((resolve) => setTimeout(resolve, 1_500));
	expect(output).toContain('"Sandbox …" credentials');
	expect(output).toContain('reset on every start');
	// How to call the examples' webhooks, naming the files the keys are in, never a key itself.
	const keys = path.join(folder, 'keys');
	expect(output).toContain(`curl -X POST http://localhost:${new URL(n8nUrl).port}/webhook/ivr-callback -H "api-key: $(cat ${keys}/ivr-key)"`);
	expect(output).toContain(`/webhook/bot/callback -H "api-key: $(cat ${keys}/bot-platform-key)"`);
	expect(output).toContain(`/mcp/contact-center with the header "Authorization: Bearer $(cat ${keys}/mcp-token)"`);
	for (const name of ['ivr-key', 'bot-platform-key', 'mcp-token', 'servicepattern-relay-secret']) {
		expect(keyFile(name)).toMatch(/^[0-9a-f]{64}$/);
		expect(output).not.toContain(keyFile(name));
	}
	expect(output).not.toMatch(/N8N_RUNNERS_ENABLED|N8N_EXPRESSION_ENGINE|N8N_UNVERIFIED_PACKAGES_ENABLED|N8N_RUNNERS_TASK_TIMEOUT|N8N_COMPRESSION_NODE/);
	expect(output).not.toMatch(/ENOTFOUND|^\s+at /m);
});

test('SIGTERM to the npm start process stops n8n, its task runner and the sandbox, and frees every port', async () => {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
	// npm exits once it has passed the signal on; the script then waits for n8n's graceful shutdown.
	const ports = [new URL(n8nUrl).port, new URL(sandboxUrl).port, String(brokerPort)].map(Number);
	const deadline = Date.now() + 50_000;
	const allFree = async () => (await Promise.all(ports.map(isFree))).every(Boolean) && runningUnder(folder).length === 0;
	while (!(await allFree()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
	await expect(fetch(`${sandboxUrl}/__sandbox/requests`)).rejects.toThrow();
	for (const port of ports) expect([port, await isFree(port)]).toEqual([port, true]);
	expect(runningUnder(folder)).toEqual([]);
	expect(output).toContain('Stopping n8n and the sandbox');
}, 70_000);

test('a busy port is named, with the variable that chooses another, before anything starts', async () => {
	const busy = createServer().listen(0);
	await new Promise((resolve) => busy.once('listening', resolve));
	const port = (busy.address() as { port: number }).port;
	const [n8nPort, sandboxPort] = await freePorts(2);
	try {
		const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.cjs')], {
			cwd: ROOT,
			env: newcomerEnv({ n8n: n8nPort, sandbox: sandboxPort, broker: port }, folder),
			encoding: 'utf8',
			timeout: 30_000,
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toContain(`Port ${port}, for n8n’s task broker (its Code node runner), is already in use`);
		expect(result.stderr).toContain('N8N_RUNNERS_BROKER_PORT=<port> npm start');
		expect(result.stdout).not.toContain('Building');
	} finally {
		busy.close();
	}
});

test('a port taken after that check (n8n cannot bind it) ends npm start with n8n’s reason; whatever answers there is not taken for n8n', async () => {
	const [n8nPort, sandboxPort, broker] = await freePorts(3);
	const ownFolder = mkdtempSync(path.join(tmpdir(), 'n8n-start-taken-'));
	const squatter = createHttpServer((_, response) => response.end('not n8n'));
	let said = '';
	try {
		const start = spawn(process.execPath, [path.join(ROOT, 'scripts/start.cjs')], {
			cwd: ROOT,
			env: newcomerEnv({ n8n: n8nPort, sandbox: sandboxPort, broker }, ownFolder),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<number | null>((resolve) => start.once('exit', resolve));
		let squatting: Promise<void> | undefined;
		const hear = (chunk: Buffer) => {
			said += chunk.toString();
			// The ports were checked before building; the port is taken while it builds, as another program may.
			if (!squatting && said.includes('Building')) squatting = new Promise((resolve) => squatter.listen(n8nPort, '127.0.0.1', resolve));
		};
		start.stdout!.on('data', hear);
		start.stderr!.on('data', hear);
		expect(await exited).toBe(1);
		expect(said).toContain(`n8n's port ${n8nPort} is already in use`);
		expect(said).toContain('n8n stopped (exit code 1) before it was ready');
		expect(said).not.toContain('n8n is ready');
		// The first start of this file built the package; nothing changed since, so this one did not.
		expect(said).toContain('Building the package and the sandbox: skipped, dist/ and build/sandbox/ are current');
	} finally {
		squatter.closeAllConnections();
		squatter.close();
		rmSync(ownFolder, { recursive: true, force: true });
	}
}, 150_000);
