import { startSandbox } from '../../sandbox/main';
import type { Fault, Sandbox } from '../../sandbox/main';
import { TELSPIEL_API_KEY, TELSPIEL_USERNAME } from '../../sandbox/telspiel';
import { runWorkflow } from '../harness/workflow';
import clickToCallWorkflow from './workflows/telspiel-click-to-call.json';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox();
});
afterEach(async () => await sandbox.close());

const arm = async (fault: Fault, extra: Record<string, unknown> = {}) =>
	await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'telspiel', fault, ...extra }) });

const callThroughN8n = async () => {
	const workflow = structuredClone(clickToCallWorkflow);
	workflow.nodes[1].parameters.requestOptions = { timeout: 1500 } as never;
	return await runWorkflow(workflow as never, {
		input: [{ json: { agent: '9000000001', customer: '8000000001' } }],
		credentials: { telSpielApi: { baseUrl: sandbox.serviceUrl('telspiel'), username: TELSPIEL_USERNAME, apiKey: TELSPIEL_API_KEY } },
	});
};

test('the sandbox accepts a call with its test account and logs it', async () => {
	const result = await callThroughN8n();
	expect(result.output('After')[0].json).toMatchObject({ code: 200, status: 'success' });
	expect(sandbox.state.telspiel.calls).toEqual([{ agent_phone: '9000000001', customer_phone: '8000000001', campaign_name: undefined }]);
	const log = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { requests: unknown[] };
	expect(log.requests).toEqual([{ service: 'telspiel', method: 'POST', path: '/api/click-to-call', status: 200 }]);
});

test.each<[Fault, Record<string, unknown>, RegExp]>([
	['rateLimit', { retryAfterSeconds: 0 }, /HTTP 429/],
	['serverError', {}, /HTTP 500/],
	['unavailable', { retryAfterSeconds: 0 }, /HTTP 503/],
	['reset', {}, /reached|closed|connection/i],
	['malformedJson', {}, /not JSON/],
	['htmlError', {}, /^telSpiel answered with HTTP 502 and an HTML page instead of its API's answer: a gateway or proxy between n8n and telSpiel is in the way/],
	['emptyBody', {}, /unexpected shape/],
	['delay', { delayMs: 3000 }, /^telSpiel did not answer within 1.5 s$/],
])('fault %s reaches the node as a clear error, and the call is sent once', async (fault, extra, message) => {
	await arm(fault, extra);
	const result = await callThroughN8n();
	expect(result.error('Click To Call')?.message).toMatch(message);
	expect(sandbox.log.filter((entry) => entry.service === 'telspiel')).toHaveLength(1);
});

test('a fault applies to its count of requests, then the service answers normally', async () => {
	await arm('serverError', { count: 1 });
	expect((await callThroughN8n()).error('Click To Call')).toBeDefined();
	expect((await callThroughN8n()).output('After')[0].json.status).toBe('success');
});
