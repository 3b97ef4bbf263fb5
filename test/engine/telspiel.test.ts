import type { IDataObject, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { runWorkflow } from '../harness/workflow';
import { startServer } from '../../sandbox/http';
import type { Reply, RecordedRequest, TestServer } from '../../sandbox/http';
import clickToCallWorkflow from './workflows/telspiel-click-to-call.json';

const API_KEY = 'tsk_live_9f3b7c2d1e8a4b6c5d0e7f1a2b3c4d5e';
const USERNAME = 'acme-support';
const ACCEPTED = { code: 200, status: 'success', message: 'Data successfully submitted for call.' };

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

function workflow(changes: { continueOnFail?: boolean; requestOptions?: Record<string, unknown> } = {}): Workflow {
	const copy = structuredClone(clickToCallWorkflow) as unknown as Workflow;
	const node = copy.nodes.find((n) => n.name === 'Click To Call')!;
	if (changes.continueOnFail) node.onError = 'continueRegularOutput';
	if (changes.requestOptions) node.parameters.requestOptions = changes.requestOptions as INodeParameters;
	return copy;
}

const callers = (...pairs: Array<[string, string, string?]>) =>
	pairs.map(([agent, customer, campaign]) => ({ json: { agent, customer, ...(campaign ? { campaign } : {}) } }));

let server: TestServer;
let handler: (request: RecordedRequest) => Reply | Promise<Reply>;

beforeAll(async () => {
	server = await startServer((request) => handler(request));
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.requests.length = 0;
	handler = () => ({ body: ACCEPTED });
});

const run = (wf: Workflow, input: Array<{ json: IDataObject }>) =>
	runWorkflow(wf, {
		input,
		credentials: { telSpielApi: { baseUrl: `${server.url}/`, username: USERNAME, apiKey: API_KEY } },
	});

describe('telSpiel Click To Call through n8n’s engine', () => {
	test('sends one documented request per item and returns one paired item per call', async () => {
		const result = await run(workflow(), callers(['9999999999', '8888888888', 'Callbacks'], ['+91 99999 00001', '(888) 000-0002']));

		expect(server.requests).toHaveLength(2);
		const [first, second] = server.requests;
		expect(first.method).toBe('POST');
		expect(first.path).toBe('/api/click-to-call');
		expect(first.headers['api-key']).toBe(API_KEY);
		expect(first.headers.accept).toContain('application/json');
		expect(first.headers['content-type']).toContain('application/json');
		// Field order as the guide lists it; empty campaign left out; readability characters stripped.
		expect(first.body).toBe(
			JSON.stringify({ username: USERNAME, agent_phone: '9999999999', customer_phone: '8888888888', campaign_name: 'Callbacks' }),
		);
		// telSpiel's numbers are Numeric (sources.md#telspiel-parameters): the + and the punctuation are removed before sending.
		expect(second.json()).toEqual({ username: USERNAME, agent_phone: '919999900001', customer_phone: '8880000002' });

		const output = result.output('After');
		expect(output.map((item) => item.json)).toEqual([ACCEPTED, ACCEPTED]);
		expect(result.output('Click To Call').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('keeps input order when later items answer first, with at most Concurrency requests in flight', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		handler = async (request) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			const { customer_phone: customer } = request.json() as { customer_phone: string };
			// The first items answer last.
			const delayMs = 80 - Number(customer.slice(-2)) * 6;
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			inFlight--;
			return { body: { ...ACCEPTED, message: `queued ${customer}` } };
		};
		const input = Array.from({ length: 12 }, (_, i) => ['7000000000', `80000000${String(i).padStart(2, '0')}`] as [string, string]);
		const result = await run(workflow({ requestOptions: { concurrency: 3 } }), callers(...input));

		const messages = result.output('After').map((item) => item.json.message);
		expect(messages).toEqual(input.map(([, customer]) => `queued ${customer}`));
		expect(result.output('Click To Call').map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(maxInFlight).toBeGreaterThan(1);
		expect(maxInFlight).toBeLessThanOrEqual(3);
	});

	test.each([
		['+91 98765-43210', '919876543210'],
		['(080) 4567.8900', '08045678900'],
		[919876543210, '919876543210'],
	])('sends %s as the Numeric number telSpiel takes: %s', async (given, sent) => {
		await run(workflow(), [{ json: { agent: given, customer: '8888888888' } }]);
		expect(server.requests.map((r) => (r.json() as { agent_phone: string }).agent_phone)).toEqual([sent]);
	});

	test('rejects a number telSpiel would refuse (letters, +, too short) before sending, naming the field', async () => {
		const result = await run(workflow(), [{ json: { agent: '9999999999', customer: '+1-800-FLOWERS' } }]);
		expect(server.requests).toHaveLength(0);
		expect(result.error('Click To Call')?.message).toBe('Invalid value for "Customer Phone" [item 0]');
	});

	test('rejects a bad phone number before any request, naming the field, the item and what was expected', async () => {
		const result = await run(workflow(), callers(['9999999999', '8888888888'], ['9999999999', 'call me']));

		expect(server.requests).toHaveLength(0);
		const error = result.error('Click To Call');
		expect(error?.message).toBe('Invalid value for "Customer Phone" [item 1]');
		expect(error?.description).toBe(
			'Customer Phone: Expected a phone number of 6 to 15 digits (a leading +, spaces, dashes, dots and brackets are removed), got "call me".',
		);
	});

	test('with Continue On Fail, every item comes out in order, failures in their place with the error', async () => {
		handler = (request) => {
			const { agent_phone: agent } = request.json() as { agent_phone: string };
			if (agent === '1111111111') {
				return { status: 403, body: { code: 403, status: 'forbidden', message: 'Username or api key is invalid' } };
			}
			return { body: ACCEPTED };
		};
		const result = await run(
			workflow({ continueOnFail: true }),
			callers(['9999999999', '8888888888'], ['1111111111', '8888888888'], ['9999999999', ''], ['9999999999', '7777777777']),
		);

		expect(server.requests).toHaveLength(3);
		const output = result.output('Click To Call');
		expect(output).toHaveLength(4);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json).toEqual(ACCEPTED);
		expect(output[1].json).toMatchObject({ error: 'Username or API key is invalid', httpCode: '403', code: 'forbidden' });
		expect(output[2].json.error).toBe('Invalid value for "Customer Phone" [item 2]');
		expect(output[3].json).toEqual(ACCEPTED);
		expect(result.output('After')).toHaveLength(4);
	});

	test('with Continue (using error output), failed items go to the error output with their details', async () => {
		handler = (request) =>
			(request.json() as { agent_phone: string }).agent_phone === '1111111111'
				? { status: 403, body: { code: 403, status: 'forbidden', message: 'Username or api key is invalid' } }
				: { body: ACCEPTED };
		const wf = workflow();
		wf.nodes.find((n) => n.name === 'Click To Call')!.onError = 'continueErrorOutput';
		const result = await run(wf, callers(['9999999999', '8888888888'], ['1111111111', '8888888888'], ['9999999999', '7777777777']));

		const [success, failed] = result.run.data.resultData.runData['Click To Call'][0].data!.main;
		expect(success!.map((item) => [item.pairedItem, item.json])).toEqual([
			[{ item: 0 }, ACCEPTED],
			[{ item: 2 }, ACCEPTED],
		]);
		expect(failed!.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(failed![0].json).toMatchObject({ error: 'Username or API key is invalid', details: { httpCode: '403', code: 'forbidden' } });
	});

	test('a 422 shows telSpiel’s field errors, parsed from the JSON string they come in', async () => {
		handler = () => ({
			status: 422,
			body: {
				code: 422,
				status: 'invalid',
				message: 'Invalid data',
				errors: '{ "customer_phone": ["Customer phone is required"], "agent_phone": ["Agent phone is invalid"] }',
			},
		});
		const result = await run(workflow(), callers(['9999999999', '8888888888']));

		const error = result.error('Click To Call');
		expect(error?.message).toBe('telSpiel rejected the request: Invalid data');
		expect(error?.description).toBe('customer_phone: Customer phone is required; agent_phone: Agent phone is invalid');
		expect(error?.httpCode).toBe('422');
	});

	test.each<[string, Reply, RegExp]>([
		['a 500', { status: 500, body: { message: 'boom' } }, /HTTP 500/],
		['a 503 with Retry-After', { status: 503, headers: { 'retry-after': '0' }, body: '<html>down</html>' }, /HTTP 503/],
		['a 429 with Retry-After', { status: 429, headers: { 'retry-after': '0' }, body: {} }, /HTTP 429/],
		['a reset connection', { reset: true }, /could not be reached/],
	])('after %s the call is not sent again: a customer is never rung twice', async (_, reply, message) => {
		handler = () => reply;
		const result = await run(workflow(), callers(['9999999999', '8888888888']));

		expect(server.requests).toHaveLength(1);
		expect(result.error('Click To Call')?.message).toMatch(message);
	});

	test('a request that times out fails with a clear message and is not sent again', async () => {
		handler = () => ({ delayMs: 2500, body: ACCEPTED });
		const result = await run(workflow({ requestOptions: { timeout: 1000 } }), callers(['9999999999', '8888888888']));

		expect(server.requests).toHaveLength(1);
		const error = result.error('Click To Call');
		expect(error?.message).toMatch(/^telSpiel did not answer within \d+(\.\d)? s$/);
		expect(error?.description).toMatch(/may have reached the service/);
	});

	test('an answer that is not JSON is reported as such', async () => {
		handler = () => ({ status: 200, body: '<html>Maintenance</html>' });
		const result = await run(workflow(), callers(['9999999999', '8888888888']));

		expect(result.error('Click To Call')?.message).toBe('telSpiel answered with HTTP 200 but the body is not JSON');
	});

	test('the API key never appears in errors or outputs, even when the service echoes it', async () => {
		handler = () => ({
			status: 500,
			body: { message: `internal error for api-key ${API_KEY}`, request: { headers: { 'api-key': API_KEY } } },
		});
		const result = await run(workflow({ continueOnFail: true }), callers(['9999999999', '8888888888']));

		const everything = JSON.stringify(result.run.data);
		expect(server.requests[0].headers['api-key']).toBe(API_KEY);
		expect(everything).not.toContain(API_KEY);
		expect(everything).toContain('[redacted]');
	});

	test('"Ring Once Per" rings each customer once per key, across runs; the outputs keep every item, in order, paired', async () => {
		const once = workflow({ requestOptions: { concurrency: 5 } });
		once.nodes.find((n) => n.name === 'Click To Call')!.parameters.ringOncePer = '={{ $json.chat }}';
		const items = [
			{ json: { agent: '9999999999', customer: '8888888801', chat: 'chat-1' } },
			{ json: { agent: '9999999999', customer: '+8888888801', chat: 'chat-1' } },
			{ json: { agent: '9999999999', customer: '8888888802', chat: 'chat-1' } },
			{ json: { agent: '9999999999', customer: '8888888801', chat: 'chat-2' } },
		];
		const first = await run(once, items);
		expect(first.output('Click To Call').map((item) => [item.json.alreadyCalled, item.pairedItem])).toEqual([
			[false, { item: 0 }],
			[true, { item: 1 }],
			[false, { item: 2 }],
			[false, { item: 3 }],
		]);
		const again = await run(once, items.slice(0, 1));
		expect(again.output('Click To Call')[0].json).toMatchObject({ status: 'alreadyCalled', alreadyCalled: true });
		expect(server.requests.map((request) => (request.json() as { customer_phone: string }).customer_phone)).toEqual(['8888888801', '8888888802', '8888888801']);
	});
});
