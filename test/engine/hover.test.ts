import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { testCredential } from '../harness/credentials';
import { triggerHarness } from '../harness/triggers';
import { runWorkflow } from '../harness/workflow';
import { APP_WEBHOOK_SECRET, HOVER_EMAIL, HOVER_PASSWORD, hoverStub, newHoverState, transactionWebhook } from '../../sandbox/hover';
import type { HoverStubState } from '../../sandbox/hover';
import { HoverTrigger } from '../../nodes/Hover/HoverTrigger.node';
import { hoverActions } from '../../nodes/Hover/actions';
import { hoverService } from '../../nodes/Hover/service';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import actionsWorkflow from './workflows/hover-actions.json';
import triggerWorkflow from './workflows/hover-trigger.json';

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

let server: TestServer;
let state: HoverStubState;
// A distinct email per test keeps the process-wide sign-in cache from carrying tokens across tests.
let email: string;
let testNumber = 0;

beforeAll(async () => {
	server = await startServer((request) => {
		if (request.path.endsWith('/authenticate')) {
			const body = request.json() as { email: string };
			if (body.email === email) return hoverStub(state)({ ...request, json: () => ({ ...body, email: HOVER_EMAIL }) });
		}
		return hoverStub(state)(request);
	});
});
afterAll(async () => await server.close());
beforeEach(() => {
	state = newHoverState();
	email = `ops+${++testNumber}@example.com`;
	server.requests.length = 0;
});

const credentials = (overrides: Record<string, unknown> = {}) => ({
	hoverApi: { authentication: 'password', email, password: HOVER_PASSWORD, organizationId: '', baseUrl: `${server.url}/api`, sessionToken: '', ...overrides },
});

function workflow(parameters: INodeParameters, continueOnFail = false): Workflow {
	const copy = structuredClone(actionsWorkflow) as unknown as Workflow;
	const node = copy.nodes.find((n) => n.name === 'Hover')!;
	node.parameters = { ...node.parameters, ...parameters };
	if (continueOnFail) node.onError = 'continueRegularOutput';
	return copy;
}

const run = (parameters: INodeParameters, input = [{ json: {} }], creds = credentials()) =>
	runWorkflow(workflow(parameters), { input, credentials: creds });
const calls = (method: string, prefix: string) => server.requests.filter((r) => r.method === method && r.path.startsWith(prefix));
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Hover actions', () => {
	test('List returns one typed item per active action, the JWT sent bare', async () => {
		const result = await run({ operation: 'list' });

		const items = result.output('After').map((i) => i.json);
		expect(items.map((a) => a.id)).toEqual(['13ce04ca', 'a1b2c3d4', '5fa2e7b3']);
		expect(items[0]).toMatchObject({
			name: 'Check Bundle Balance',
			rootCode: '*144#',
			transportType: 'ussd',
			steps: ['1', '4', '-'],
			operators: ['Safaricom Ltd.'],
			archivedAt: null,
			transactionsCount: 3,
			attributes: { public_id: '13ce04ca', root_code: '*144#' },
		});
		const list = calls('GET', '/api/actions')[0];
		expect(list.headers.authorization).toBe(state.tokens[0]);
		expect(list.headers.authorization).not.toMatch(/^Bearer/);

		const all = await run({ operation: 'list', includeArchived: true });
		expect(all.output('After').map((i) => i.json.id)).toContain('0ff1ce00');
	});

	test('the JWT is fetched once for many concurrent items', async () => {
		const input = Array.from({ length: 20 }, (_, i) => ({ json: { id: i % 2 ? '13ce04ca' : 'a1b2c3d4' } }));
		const result = await run({ operation: 'get', actionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, requestOptions: { concurrency: 5 } }, input);

		expect(state.logins).toBe(1);
		expect(result.output('After').map((i) => i.json.id)).toEqual(input.map((i) => i.json.id));
	});

	test('an expired JWT (401) is renewed once by signing in again, and the request repeated', async () => {
		await run({ operation: 'get', actionId: byId('13ce04ca') });
		state.expired.add(state.tokens[0]);
		server.requests.length = 0;

		const result = await run({ operation: 'get', actionId: byId('13ce04ca') }, [{ json: {} }], credentials({ sessionToken: state.tokens[0] }));

		expect(state.logins).toBe(2);
		expect(calls('GET', '/api/actions/13ce04ca')).toHaveLength(2);
		expect(result.output('After')[0].json.name).toBe('Check Bundle Balance');
	});

	test('a wrong password is tried once in a run, and reported clearly for every item', async () => {
		const input = Array.from({ length: 8 }, () => ({ json: {} }));
		const result = await runWorkflow(workflow({ operation: 'list', requestOptions: { concurrency: 2 } }, true), { input, credentials: credentials({ password: 'not-the-password-42' }) });

		expect(calls('POST', '/api/authenticate')).toHaveLength(1);
		expect(calls('GET', '/api/actions')).toHaveLength(0);
		const items = result.output('After');
		expect(items).toHaveLength(8);
		for (const item of items) expect(item.json.error).toBe('Hover refused the sign-in: the email or password is wrong');
		expect(JSON.stringify(result.run.data)).not.toContain(HOVER_PASSWORD);
	});

	test.each([
		['with /api', (url: string) => `${url}/api`],
		['with /api/', (url: string) => `${url}/api/`],
		['as a bare host', (url: string) => url],
	])('the base URL works %s, for the node and the Test button', async (_, baseUrl) => {
		const result = await run({ operation: 'list' }, [{ json: {} }], credentials({ baseUrl: baseUrl(server.url) }));
		expect(result.output('After')).toHaveLength(3);
		expect(calls('POST', '/api/authenticate')).toHaveLength(1);
		expect((await testCredential('hoverApi', credentials({ baseUrl: baseUrl(server.url) }).hoverApi)).status).toBe('OK');
	});

	test('the organization ID goes in the organization_id query parameter, as the reference and the docs say', async () => {
		await run({ operation: 'list' }, [{ json: {} }], credentials({ organizationId: '7' }));
		const list = calls('GET', '/api/actions')[0];
		expect(new URL(list.path, 'http://x').searchParams.get('organization_id')).toBe('7');
		expect(list.headers['organization-id']).toBeUndefined();
		expect(hoverService.authSteps.join(' ')).toContain('query parameter `organization_id=<id>`');
		expect(hoverService.authSteps.join(' ')).not.toContain('Organization-Id');
	});

	test('a pasted JWT is used as it is, without signing in', async () => {
		await run({ operation: 'list' });
		const pasted = state.tokens[0];
		server.requests.length = 0;

		const result = await run({ operation: 'list' }, [{ json: {} }], credentials({ authentication: 'token', jwtToken: pasted, email: '', password: '' }));

		expect(calls('POST', '/api/authenticate')).toHaveLength(0);
		expect(calls('GET', '/api/actions')[0].headers.authorization).toBe(pasted);
		expect(result.output('After')).toHaveLength(3);
		expect(JSON.stringify(result.run.data)).not.toContain(pasted);
	});

	test('Create converts the steps to custom_steps_attributes exactly as the docs show', async () => {
		const result = await run({
			operation: 'create',
			name: 'Check Bundle Balance',
			operators: ['2172'],
			transportType: 'ussd',
			rootCode: '*144#',
			steps: {
				step: [
					{ type: 'number', value: '1', description: 'one' },
					{ type: 'number', value: '4' },
					{ type: 'ok' },
					{ type: 'variable', value: 'amount' },
					{ type: 'selectNumberByText', value: 'bundle' },
					{ type: 'pin' },
				],
			},
		});

		expect(calls('POST', '/api/actions')[0].json()).toEqual({
			custom_action: {
				name: 'Check Bundle Balance',
				world_operator_ids: ['2172'],
				transport_type: 'ussd',
				root_code: '*144#',
				custom_steps_attributes: {
					'0': { order: '0', is_param: 'false', convert_val_to_num: 'false', value: '1', description: 'one' },
					'1': { order: '1', is_param: 'false', convert_val_to_num: 'false', value: '4', description: '' },
					'2': { order: '2', is_param: 'false', convert_val_to_num: 'false', value: '-', description: '' },
					'3': { order: '3', is_param: 'true', convert_val_to_num: 'false', value: 'amount', description: '' },
					'4': { order: '4', is_param: 'true', convert_val_to_num: 'true', value: 'bundle', description: '' },
					'5': { order: '5', is_param: 'false', convert_val_to_num: 'false', value: 'pin', description: '' },
				},
			},
		});
		expect(result.output('After')[0].json).toMatchObject({ id: '5e7f9a01', steps: ['1', '4', '-', 'amount', 'bundle', 'pin'], operators: ['Safaricom Ltd.'] });
	});

	test('Create refuses bad steps and a missing root code before sending', async () => {
		const noRoot = await run({ operation: 'create', name: 'X', operators: ['2172'], transportType: 'ussd', rootCode: '={{ "" }}' });
		expect(noRoot.error('Hover')?.message).toBe('Invalid value for "Root Code" [item 0]');
		// Hover marks root_code [required] for every transport type, STK too (sources.md#hover-action-fields).
		const stkNoRoot = await run({ operation: 'create', name: 'X', operators: ['2172'], transportType: 'stk', rootCode: '={{ "" }}' });
		expect(stkNoRoot.error('Hover')?.message).toBe('Invalid value for "Root Code" [item 0]');

		const badStep = await run({ operation: 'create', name: 'X', operators: ['2172'], transportType: 'ussd', rootCode: '*1#', steps: { step: [{ type: 'number', value: 'one' }] } });
		expect(badStep.error('Hover')?.description).toContain('Expected digits only in a Number step');

		// An empty required field stops n8n itself; an expression that yields none reaches the node's check.
		const noOperator = await run({ operation: 'create', name: 'X', operators: '={{ [] }}', transportType: 'stk', rootCode: '*1#' });
		expect(noOperator.error('Hover')?.message).toBe('Invalid value for "Operator Names or IDs" [item 0]');
		expect(calls('POST', '/api/actions')).toHaveLength(0);
	});

	test('Update re-sends all the steps it is given, with PATCH', async () => {
		const result = await run({
			operation: 'update',
			actionId: byId('a1b2c3d4'),
			updateFields: { name: 'Buy Airtime v2', steps: { step: [{ type: 'number', value: '2' }, { type: 'variable', value: 'amount' }, { type: 'pin' }] } },
		});
		const patch = calls('PATCH', '/api/actions/a1b2c3d4')[0].json() as { custom_action: Record<string, unknown> };
		expect(patch.custom_action.name).toBe('Buy Airtime v2');
		expect(Object.keys(patch.custom_action.custom_steps_attributes as object)).toEqual(['0', '1', '2']);
		expect(result.output('After')[0].json.steps).toEqual(['2', 'amount', 'pin']);
	});

	test.each([
		['an STK action with a select-by-text step', '5fa2e7b3', 'Buy Bundle', '"0", "bundle", "pin"'],
		['a USSD action with expected texts and descriptions', 'a1b2c3d4', 'Buy Airtime', '"2", "amount", "pin"'],
	])('a rename without Steps never changes the steps of %s: refused, saying why, before anything is sent', async (_, id, name, values) => {
		const before = structuredClone(state.steps.get(id));

		const result = await run({ operation: 'update', actionId: byId(id), updateFields: { name: `${name} v2` } });

		expect(result.error('Hover')?.message).toBe('Hover cannot update this action without its steps');
		expect(result.error('Hover')?.description).toContain(`lists this action's steps only by their values (${values})`);
		expect(result.error('Hover')?.description).toContain('Nothing was changed. Add every step, in order, under Update Fields > Steps');
		expect(calls('GET', `/api/actions/${id}`)).toHaveLength(1);
		expect(calls('PATCH', `/api/actions/${id}`)).toHaveLength(0);
		// The step types, expected texts and descriptions Hover keeps are as they were.
		expect(state.steps.get(id)).toEqual(before);
		expect(state.actions.get(id)).toMatchObject({ name });
	});

	test('a rename without Steps of an action that has none is sent as it is, after one read', async () => {
		const result = await run({ operation: 'update', actionId: byId('0ff1ce00'), updateFields: { name: 'Old Promo (ended)' } });

		expect(calls('GET', '/api/actions/0ff1ce00')).toHaveLength(1);
		expect(calls('PATCH', '/api/actions/0ff1ce00')[0].json()).toEqual({ custom_action: { name: 'Old Promo (ended)' } });
		expect(result.output('After')[0].json).toMatchObject({ name: 'Old Promo (ended)', steps: [] });
	});

	test('Update with Steps sends every attribute Hover documents per step type: select by text, expected texts and descriptions stay', async () => {
		const steps = [
			{ type: 'number', value: '0', expectedText: 'Bundles', description: 'the first menu option' },
			{ type: 'selectNumberByText', value: 'bundle', description: 'picks the bundle by its text' },
			{ type: 'pin' },
		];
		await run({ operation: 'update', actionId: byId('5fa2e7b3'), updateFields: { name: 'Buy Bundle v2', steps: { step: steps } } });

		expect(calls('GET', '/api/actions/5fa2e7b3')).toHaveLength(0);
		expect(state.steps.get('5fa2e7b3')).toEqual([
			{ order: '0', is_param: 'false', convert_val_to_num: 'false', value: '0', expected_text: 'Bundles', description: 'the first menu option' },
			{ order: '1', is_param: 'true', convert_val_to_num: 'true', value: 'bundle', description: 'picks the bundle by its text' },
			{ order: '2', is_param: 'false', convert_val_to_num: 'false', value: 'pin', description: '' },
		]);
		expect(state.actions.get('5fa2e7b3')).toMatchObject({ name: 'Buy Bundle v2', steps: ['0', 'bundle', 'pin'] });
	});

	test('an STK Number step without its expected text is refused before sending, naming the step', async () => {
		const create = await run({ operation: 'create', name: 'X', operators: ['2172'], transportType: 'stk', rootCode: '*544#', steps: { step: [{ type: 'number', value: '0' }] } });
		expect(create.error('Hover')?.message).toBe('Invalid value for "Steps > Step" [item 0]');
		expect(create.error('Hover')?.description).toContain('Expected an Expected Text in every Number step of an STK action (step 1 has none)');

		const update = await run({ operation: 'update', actionId: byId('5fa2e7b3'), updateFields: { transportType: 'stk', steps: { step: [{ type: 'pin' }, { type: 'number', value: '1' }] } } });
		expect(update.error('Hover')?.message).toBe('Invalid value for "Update Fields > Steps > Step" [item 0]');
		expect(update.error('Hover')?.description).toContain('(step 2 has none)');
		expect(server.requests.filter((r) => r.path.startsWith('/api/actions'))).toHaveLength(0);
	});

	test('Create sends no description, which Hover’s create schema does not have, even from a workflow saved with one', async () => {
		const createProperties = hoverActions.operations.find((op) => op.resource === 'action' && op.value === 'create')!.properties;
		expect(createProperties.map((p) => p.name)).toEqual(['name', 'operators', 'transportType', 'rootCode', 'steps']);

		await run({ operation: 'create', name: 'X', operators: ['2172'], transportType: 'ussd', rootCode: '*1#', additionalFields: { description: 'from an older version' } });
		expect(calls('POST', '/api/actions')[0].json()).toEqual({ custom_action: { name: 'X', world_operator_ids: ['2172'], transport_type: 'ussd', root_code: '*1#' } });
	});

	test('the sandbox, like Hover, keeps no steps an update leaves out', async () => {
		const jwt = (await run({ operation: 'list' }), state.tokens[0]);
		await fetch(`${server.url}/api/actions/a1b2c3d4`, { method: 'PATCH', headers: { authorization: jwt, 'content-type': 'application/json' }, body: JSON.stringify({ custom_action: { name: 'Renamed' } }) });
		expect(state.actions.get('a1b2c3d4')).toMatchObject({ name: 'Renamed', steps: [] });
	});

	test('Archive, Restore and List Parsers', async () => {
		const archived = await run({ operation: 'archive', actionId: byId('13ce04ca') });
		expect(archived.output('After')[0].json).toEqual({ id: '13ce04ca', archived: true });
		const restored = await run({ operation: 'restore', actionId: byId('13ce04ca') });
		expect(restored.output('After')[0].json.archivedAt).toBeNull();
		const parsers = await run({ operation: 'listParsers', actionId: byId('13ce04ca') });
		expect(parsers.output('After').map((i) => i.json)).toEqual([
			expect.objectContaining({ id: '157340', actionId: '13ce04ca', regexGroups: ['balance', 'currency'] }),
		]);
	});

	test('an unknown action is a clear 404', async () => {
		const result = await run({ operation: 'get', actionId: byId('deadbeef') });
		expect(result.error('Hover')?.message).toBe('Hover has no such item');
		expect(result.error('Hover')?.httpCode).toBe('404');
	});
});

describe('Hover parsers and apps', () => {
	test('a parser’s regex is checked before sending, and its named groups listed', async () => {
		const bad = await run({ resource: 'parser', operation: 'create', actionId: byId('13ce04ca'), status: 'succeeded', category: 'balance', regex: 'Balance: (?<b>[' });
		expect(bad.error('Hover')?.description).toMatch(/Regex: Expected a valid regular expression/);
		expect(calls('POST', '/api/parsers')).toHaveLength(0);

		const good = await run({
			resource: 'parser',
			operation: 'create',
			actionId: byId('13ce04ca'),
			status: 'failed',
			category: 'line-not-active',
			regex: 'line (?<line>\\d+) is not active',
			additionalFields: { userMessage: 'Line inactive' },
		});
		expect(calls('POST', '/api/parsers')[0].json()).toEqual({
			parser: { action_id: '13ce04ca', status: 'failed', regex: 'line (?<line>\\d+) is not active', category: 'line-not-active', target_type: 'ussd', user_message: 'Line inactive' },
		});
		expect(good.output('After')[0].json).toMatchObject({ id: '157341', status: 'failed', targetType: 'ussd', regexGroups: ['line'] });
	});

	test('an SMS parser needs its sender: refused before sending without one, sent with target_type and sender with one', async () => {
		const base = { resource: 'parser', operation: 'create', actionId: byId('13ce04ca'), status: 'succeeded', category: 'paid', regex: 'Confirmed\\. (?<amount>[\\d.]+)', targetType: 'sms' };
		const none = await run({ ...base, sender: '={{ "" }}' });
		expect(none.error('Hover')?.message).toBe('Invalid value for "Sender" [item 0]');
		expect(none.error('Hover')?.description).toBe('Sender: Expected a sender ID when Target Type is SMS (Hover requires one for SMS parsers), got an empty value.');

		const update = await run({ resource: 'parser', operation: 'update', parserId: '157340', updateFields: { targetType: 'sms' } });
		expect(update.error('Hover')?.message).toBe('Invalid value for "Update Fields > Sender" [item 0]');
		expect(calls('POST', '/api/parsers').length + calls('PATCH', '/api/parsers').length).toBe(0);

		const created = await run({ ...base, sender: 'MPESA' });
		expect(calls('POST', '/api/parsers')[0].json()).toMatchObject({ parser: { target_type: 'sms', sender: 'MPESA' } });
		expect(created.output('After')[0].json).toMatchObject({ targetType: 'sms', sender: 'MPESA' });

		const changed = await run({ resource: 'parser', operation: 'update', parserId: '157340', updateFields: { targetType: 'sms', sender: 'Safaricom' } });
		expect(calls('PATCH', '/api/parsers/157340')[0].json()).toEqual({ parser: { target_type: 'sms', sender: 'Safaricom' } });
		expect(changed.output('After')[0].json).toMatchObject({ targetType: 'sms', sender: 'Safaricom' });
	});

	test('a 422 shows Hover’s field errors', async () => {
		const result = await run({ resource: 'parser', operation: 'create', actionId: byId('nope1234'), status: 'failed', category: 'x', regex: 'x' });
		expect(result.error('Hover')?.message).toBe('Hover rejected the request');
		expect(result.error('Hover')?.description).toBe('action_id: must exist');
	});

	test('an app’s webhook URL can be set, and must be a URL', async () => {
		const result = await run({ resource: 'app', operation: 'update', appId: '43120', updateFields: { webhookUrl: 'https://n8n.example.com/webhook/hover' } });
		expect(calls('PATCH', '/api/apps/43120')[0].json()).toEqual({ app: { webhook_url: 'https://n8n.example.com/webhook/hover' } });
		expect(result.output('After')[0].json.webhookUrl).toBe('https://n8n.example.com/webhook/hover');

		const bad = await run({ resource: 'app', operation: 'update', appId: '43120', updateFields: { webhookUrl: 'not a url' } });
		expect(bad.error('Hover')?.description).toContain('Expected an http:// or https:// URL');
	});

	test('parser and app Archive/Restore go to their own paths', async () => {
		await run({ resource: 'parser', operation: 'archive', parserId: '157340' });
		await run({ resource: 'app', operation: 'restore', appId: '43120' });
		expect(calls('DELETE', '/api/parsers/157340')).toHaveLength(1);
		expect(calls('PUT', '/api/apps/43120/restore')).toHaveLength(1);
	});
});

describe('Hover credential Test button', () => {
	test('lists actions with a right email and password', async () => {
		const result = await testCredential('hoverApi', credentials().hoverApi);
		expect(result.status).toBe('OK');
	});

	test('fails with a wrong password, saying so, after one sign-in', async () => {
		const result = await testCredential('hoverApi', credentials({ password: 'not-the-password-42' }).hoverApi);
		expect(result).toEqual({ status: 'Error', message: 'Hover refused the sign-in: the email or password is wrong' });
		expect(calls('POST', '/api/authenticate')).toHaveLength(1);
	});
});

describe('Hover Trigger', () => {
	const trigger = async (parameters: INodeParameters = {}) => {
		const copy = structuredClone(triggerWorkflow) as unknown as Workflow;
		copy.nodes[0].parameters = { ...copy.nodes[0].parameters, ...parameters };
		return await triggerHarness(copy, 'Hover Trigger', credentials(), { workflowId: `hover-${testNumber}` });
	};

	test('taking over the app’s webhook is an explicit choice, off by default, with a warning when on', () => {
		const { properties } = new HoverTrigger().description;
		expect(properties.find((p) => p.name === 'registerWebhook')).toMatchObject({ default: false });
		expect(properties.find((p) => p.name === 'takeOverNotice')).toMatchObject({ type: 'notice', displayOptions: { show: { registerWebhook: [true] } } });
	});

	test('by default, without the choice, no app is touched even when the workflow is activated', async () => {
		const copy = structuredClone(triggerWorkflow) as unknown as Workflow;
		copy.nodes[0].parameters = { webhookSecret: APP_WEBHOOK_SECRET };
		const hooks = await triggerHarness(copy, 'Hover Trigger', credentials(), { workflowId: `hover-${testNumber}` });
		expect(await hooks.lifecycle('checkExists')).toBe(true);
		expect(await hooks.lifecycle('delete')).toBe(true);
		expect(server.requests).toHaveLength(0);
		expect(state.apps.get('43120')!.webhook_url).toBe('https://old.example.com/hook');
	});

	test('by default a transaction starts the workflow once it completes, not while pending', async () => {
		const copy = structuredClone(triggerWorkflow) as unknown as Workflow;
		copy.nodes[0].parameters = { webhookSecret: APP_WEBHOOK_SECRET };
		const hooks = await triggerHarness(copy, 'Hover Trigger', credentials(), { workflowId: `hover-${testNumber}` });
		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET, 'pending'))).started).toBeUndefined();
		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET, 'succeeded'))).started).toHaveLength(1);
		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET, 'failed'))).started).toHaveLength(1);
	});

	test('only the chosen actions start the workflow', async () => {
		const hooks = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET, actionIds: 'a1b2c3d4, ffff0000' });
		const answer = await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET));
		expect(answer.started).toBeUndefined();
		expect(answer.response).toEqual({ received: true, started: false });
		const chosen = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET, actionIds: '13ce04ca' });
		expect((await chosen.deliver(transactionWebhook(APP_WEBHOOK_SECRET))).started).toHaveLength(1);
	});

	test('activation sets the workflow as the app’s webhook, deactivation puts the old URL back', async () => {
		const hooks = await trigger();

		expect(await hooks.lifecycle('checkExists')).toBe(false);
		expect(await hooks.lifecycle('create')).toBe(true);
		expect(state.apps.get('43120')!.webhook_url).toBe(hooks.webhookUrl);
		expect(JSON.stringify(hooks.staticData)).not.toContain(APP_WEBHOOK_SECRET);
		expect(await hooks.lifecycle('checkExists')).toBe(true);

		expect(await hooks.lifecycle('delete')).toBe(true);
		expect(state.apps.get('43120')!.webhook_url).toBe('https://old.example.com/hook');
	});

	test('a transaction with the app’s secret starts the workflow with the typed transaction', async () => {
		const hooks = await trigger();
		await hooks.lifecycle('create');

		const answer = await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET));

		expect(answer.status).toBeUndefined();
		expect(answer.started).toHaveLength(1);
		expect(answer.started![0].json).toMatchObject({
			id: '0b6f4c1e-7d52-4a0e-9b1e-3f2a1c9d8e7f',
			status: 'succeeded',
			category: 'balance',
			actionId: '13ce04ca',
			actionName: 'Check Bundle Balance',
			operatorName: 'Safaricom Ltd.',
			parsedVariables: { balance: '120.50', currency: 'KES' },
			smsHits: [{ message: 'Balance: 120.50 KES', sender: 'MPESA', timestamp: '2026-11-23T08:00:04Z' }],
		});
		expect(JSON.stringify(answer.started)).not.toContain(APP_WEBHOOK_SECRET);
	});

	test.each([
		['a wrong secret', transactionWebhook('whsec-guess')],
		['no secret', { data: transactionWebhook('x').data }],
		['an empty body', {}],
	])('%s is refused with 401 and starts nothing', async (_, body) => {
		const hooks = await trigger();
		await hooks.lifecycle('create');

		const answer = await hooks.deliver(body);

		expect(answer.status).toBe(401);
		expect(answer.started).toBeUndefined();
	});

	test('a secret hash the static data lost, or a secret changed on Hover’s dashboard: Hover is asked once, and what it holds passes', async () => {
		const hooks = await trigger();
		await hooks.lifecycle('create');
		const stored = hooks.staticData['node:Hover Trigger'] as Record<string, unknown>;
		const appReads = () => calls('GET', '/api/apps/43120').length;
		// n8n wrote a webhook request's older copy of the static data over the activation's.
		delete stored.secretHash;
		const before = appReads();
		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET))).started).toHaveLength(1);
		expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
		expect(appReads()).toBe(before + 1);
		for (let i = 0; i < 5; i++) expect((await hooks.deliver(transactionWebhook(`whsec-guess-${i}`))).status).toBe(401);
		expect(appReads()).toBe(before + 1);

		// A new secret on the dashboard: a minute later the trigger asks again; the new one passes, then the old is refused.
		state.apps.get('43120')!.webhook_secret = 'whsec-rotated';
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
		try {
			expect((await hooks.deliver(transactionWebhook('whsec-rotated', 'failed'))).started).toHaveLength(1);
			expect(appReads()).toBe(before + 2);
			expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET, 'pending'))).status).toBe(401);
		} finally {
			clock.mockRestore();
		}
	});

	test('with a secret entered by hand, no app is touched', async () => {
		const hooks = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET });

		expect(await hooks.lifecycle('checkExists')).toBe(true);
		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET))).started).toHaveLength(1);
		expect((await hooks.deliver(transactionWebhook('whsec-guess'))).status).toBe(401);
		expect(server.requests).toHaveLength(0);
	});

	test('only the chosen statuses start the workflow', async () => {
		const hooks = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET, statuses: ['failed'] });

		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET, 'succeeded'))).started).toBeUndefined();
		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET, 'failed'))).started).toHaveLength(1);
	});

	/** The sandbox's transaction, with another ID. */
	const transactionWith = (id: string, status = 'succeeded', secret = APP_WEBHOOK_SECRET) => {
		const body = transactionWebhook(secret, status);
		return { ...body, data: { ...body.data, id, attributes: { ...body.data.attributes, uuid: id } } };
	};

	test('a transaction Hover posts again starts nothing more, while its answer still says it was received', async () => {
		const hooks = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET });
		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET))).started).toHaveLength(1);
		const again = await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET));
		expect([again.status, again.started, again.response]).toEqual([undefined, undefined, { received: true, started: false, duplicate: true }]);
		// Another transaction is another event.
		expect((await hooks.deliver(transactionWith('7d0e3c2a-0000-4000-8000-000000000002'))).started).toHaveLength(1);
	});

	test('a transaction whose status changes is a new event each time: pending, then succeeded, each once', async () => {
		const hooks = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET, statuses: [] });
		const starts = [];
		for (const status of ['pending', 'pending', 'succeeded', 'pending', 'succeeded']) starts.push((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET, status))).started?.[0].json.status);
		expect(starts).toEqual(['pending', undefined, 'succeeded', undefined, undefined]);
	});

	test('20 deliveries of one transaction at once start one run; 20 transactions at once start 20', async () => {
		const hooks = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET });
		const same = await Promise.all(Array.from({ length: 20 }, async () => await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET))));
		expect(same.filter((answer) => answer.started)).toHaveLength(1);
		const ids = Array.from({ length: 20 }, (_, i) => `7d0e3c2a-0000-4000-8000-${String(i).padStart(12, '0')}`);
		const many = await Promise.all(ids.map(async (id) => await hooks.deliver(transactionWith(id))));
		expect(many.map((answer) => answer.started?.[0].json.id)).toEqual(ids);
	});

	test('a delivery reaching an n8n process that never saw the transaction is known from the workflow’s static data; the secret is not kept there', async () => {
		const first = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET });
		expect((await first.deliver(transactionWebhook(APP_WEBHOOK_SECRET))).started).toHaveLength(1);
		// As n8n's database holds it after that webhook call, read by another main or webhook process.
		const stored = JSON.parse(JSON.stringify(first.staticData));
		expect(JSON.stringify(stored)).not.toContain(APP_WEBHOOK_SECRET);
		const copy = structuredClone(triggerWorkflow) as unknown as Workflow;
		copy.nodes[0].parameters = { registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET };
		// Another workflow ID: nothing of the first one's is in this process's memory.
		const elsewhere = await triggerHarness(copy, 'Hover Trigger', credentials(), { workflowId: `hover-${testNumber}-elsewhere`, staticData: stored });
		expect((await elsewhere.deliver(transactionWebhook(APP_WEBHOOK_SECRET))).started).toBeUndefined();
		expect((await elsewhere.deliver(transactionWebhook(APP_WEBHOOK_SECRET, 'failed'))).started).toHaveLength(1);
	});

	test('a refused delivery is not remembered: the genuine one after it starts the workflow', async () => {
		const hooks = await trigger({ registerWebhook: false, webhookSecret: APP_WEBHOOK_SECRET });
		expect((await hooks.deliver(transactionWebhook('whsec-guess'))).status).toBe(401);
		expect((await hooks.deliver(transactionWebhook(APP_WEBHOOK_SECRET))).started).toHaveLength(1);
	});
});
