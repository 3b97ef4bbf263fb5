/**
 * `npm start` as a newcomer meets it: the sandbox and real n8n (the n8n CLI) come up with the package
 * installed as a community package, the credentials and the examples; an example runs in that n8n
 * from its production webhook; Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

const freePort = () =>
	new Promise<number>((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});

let child: ChildProcess;
let output = '';
let n8nUrl: string;
let sandboxUrl: string;
let cookie = '';
const folder = mkdtempSync(path.join(tmpdir(), 'n8n-start-'));

async function api(method: string, route: string, body?: unknown) {
	const response = await fetch(`${n8nUrl}${route}`, {
		method,
		headers: { 'content-type': 'application/json', cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0];
	return { status: response.status, json: (await response.json().catch(() => null)) as { data?: unknown } | null };
}

beforeAll(async () => {
	const [n8nPort, sandboxPort] = [await freePort(), await freePort()];
	n8nUrl = `http://127.0.0.1:${n8nPort}`;
	sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
	child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
		cwd: ROOT,
		env: { ...process.env, NODE_ENV: 'production', N8N_PORT: String(n8nPort), SANDBOX_PORT: String(sandboxPort), N8N_DEV_FOLDER: folder, N8N_LOG_LEVEL: 'error' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const deadline = Date.now() + 170_000;
	while (!output.includes('n8n is ready') && Date.now() < deadline && child.exitCode === null) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	if (!output.includes('n8n is ready')) throw new Error(`npm start did not come up:\n${output.slice(-3000)}`);
	await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'New', lastName: 'Comer', password: 'Sandbox-Passw0rd' });
}, 180_000);

afterAll(async () => {
	if (child.exitCode === null) child.kill('SIGKILL');
	rmSync(folder, { recursive: true, force: true });
});

test('it prints where n8n is, and n8n offers every node and credential of the package', async () => {
	expect(output).toContain(`n8n is ready: http://localhost:${new URL(n8nUrl).port}`);
	const nodes = JSON.stringify((await api('GET', '/types/nodes.json')).json);
	for (const name of ['telSpiel', 'sobot', 'hover', 'hoverTrigger', 'servicePattern', 'servicePatternTrigger', 'telSpielTool']) {
		expect(nodes).toContain(`"n8n-nodes-contact-center.${name}"`);
	}
	const credentials = JSON.stringify((await api('GET', '/types/credentials.json')).json);
	for (const name of ['telSpielApi', 'sobotApi', 'hoverApi', 'servicePatternApi']) expect(credentials).toContain(`"${name}"`);
});

test('the imported sandbox credentials pass n8n’s own credential test', async () => {
	for (const id of ['sbxTelSpiel00001', 'sbxSobot00000001', 'sbxHover00000001', 'sbxSvcPattern001']) {
		const stored = (await api('GET', `/rest/credentials/${id}?includeData=true`)).json!.data as Record<string, unknown>;
		const tested = await api('POST', '/rest/credentials/test', { credentials: { id, name: stored.name, type: stored.type, data: stored.data } });
		expect([id, tested.json!.data]).toEqual([id, { status: 'OK', message: 'Connection successful!' }]);
	}
});

test('the IVR example, published, answers a call from its production webhook', async () => {
	const workflows = (await api('GET', '/rest/workflows')).json!.data as Array<{ id: string; name: string }>;
	expect(workflows.map((w) => w.name).sort()).toEqual([
		'Bot API: book a callback for a bot platform (Haptik envelope)',
		'Bot chat: hand a customer over to an agent',
		'Bot chat: relay the agent’s replies',
		'IVR callback: VIP callers to the VIP desk',
		'Scheduled: report archived and idle Hover actions',
	]);
	const ivr = workflows.find((w) => w.name.startsWith('IVR'))!;
	const { versionId } = (await api('GET', `/rest/workflows/${ivr.id}`)).json!.data as { versionId: string };
	const activated = await api('POST', `/rest/workflows/${ivr.id}/activate`, { versionId });
	expect([activated.status, (activated.json?.data as { activeVersionId?: string })?.activeVersionId]).toEqual([200, versionId]);

	// n8n registers a published workflow's webhooks just after answering the publish request.
	const callIvr = () => fetch(`${n8nUrl}/webhook/ivr-callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13800000001' }) });
	let call = await callIvr();
	for (let attempt = 0; call.status === 404 && attempt < 30; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		call = await callIvr();
	}
	expect(await call.json()).toEqual({ status: 'callback queued', desk: 'VIP desk', customer: 'Asha' });
	const log = (await (await fetch(`${sandboxUrl}/__sandbox/requests`)).json()) as { requests: Array<{ service: string; path: string; status: number }> };
	// The credential test above probes the same path without phone numbers (answered 422): one call was placed.
	expect(log.requests.filter((r) => r.service === 'telspiel').map((r) => [r.path, r.status])).toEqual([
		['/api/click-to-call', 422],
		['/api/click-to-call', 200],
	]);
});

test('the bot-facing API, published, checks the api-key header and answers in Haptik’s envelope', async () => {
	const workflows = (await api('GET', '/rest/workflows')).json!.data as Array<{ id: string; name: string }>;
	const bot = workflows.find((w) => w.name.startsWith('Bot API'))!;
	const { versionId } = (await api('GET', `/rest/workflows/${bot.id}`)).json!.data as { versionId: string };
	expect((await api('POST', `/rest/workflows/${bot.id}/activate`, { versionId })).status).toBe(200);

	const book = (key: string) =>
		fetch(`${n8nUrl}/webhook/bot/callback`, { method: 'POST', headers: { 'content-type': 'application/json', 'api-key': key }, body: JSON.stringify({ mobileNo: '13800000002' }) });
	let answer = await book('sandbox-bot-key-0001');
	for (let attempt = 0; answer.status === 404 && attempt < 30; attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		answer = await book('sandbox-bot-key-0001');
	}
	expect([answer.status, await answer.json()]).toEqual([
		200,
		{ status: 'success', status_code: 'SUCC001', message: 'Request Successful', data: { customer: 'Ben', desk: 'callback queue' } },
	]);
	const refused = await book('wrong-key');
	expect(refused.status).toBe(403);
});

test('Ctrl-C stops n8n and the sandbox', async () => {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGINT');
	await exited;
	await expect(fetch(`${sandboxUrl}/__sandbox/requests`)).rejects.toThrow();
	await expect(fetch(`${n8nUrl}/healthz`)).rejects.toThrow();
}, 60_000);
