import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { SobotApi } from '../../credentials/SobotApi.credentials';
import { Sobot } from '../../nodes/Sobot/Sobot.node';
import { RETURN_CODES } from '../../nodes/Sobot/client';
import { sobotService } from '../../nodes/Sobot/service';
import { testCredential } from '../harness/credentials';
import { storedBinary } from '../harness/package';
import { runWorkflow } from '../harness/workflow';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import { SOBOT_APP_ID, SOBOT_APP_KEY, newSobotState, sobotStub } from '../../sandbox/sobot';
import type { NoCustomerForm, SobotStubState } from '../../sandbox/sobot';
import findWorkflow from './workflows/sobot-find-customer.json';

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

let server: TestServer;
let state: SobotStubState;
// Each test gets its own app ID, so the process-wide token cache starts empty for it.
let appId: string;
let testNumber = 0;

beforeAll(async () => {
	server = await startServer((request) => sobotStub(state, { [appId]: SOBOT_APP_KEY, [SOBOT_APP_ID]: SOBOT_APP_KEY })(request));
});
afterAll(async () => await server.close());
beforeEach(() => {
	state = newSobotState();
	appId = `app-${++testNumber}`;
	server.requests.length = 0;
});

function workflow(parameters: INodeParameters = {}, continueOnFail = false): Workflow {
	const copy = structuredClone(findWorkflow) as unknown as Workflow;
	const node = copy.nodes.find((n) => n.name === 'Sobot')!;
	node.parameters = { ...node.parameters, ...parameters };
	if (continueOnFail) node.onError = 'continueRegularOutput';
	return copy;
}

const credentials = () => ({
	sobotApi: { region: 'custom', baseUrl: server.url, appId, appSecret: SOBOT_APP_KEY, language: 'en' },
});
const run = (wf: Workflow, input = [{ json: { phone: '13800000001' } }]) => runWorkflow(wf, { input, credentials: credentials() });
const tokenRequests = () => server.requests.filter((r) => r.path.startsWith('/api/get_token'));

describe('Sobot Find Customer', () => {
	test('finds by phone: open API fields, custom fields with their IDs and names, and the IVR query’s names', async () => {
		const result = await run(workflow());

		const lookup = server.requests.find((r) => r.path.startsWith('/api/crm/5/user/get_user_by_tel'))!;
		expect(new URL(lookup.path, 'http://x').searchParams.get('user_tels')).toBe('13800000001');
		expect(lookup.headers.token).toBe(state.tokensIssued[0]);
		expect(lookup.headers.language).toBe('en');
		const [item] = result.output('After');
		expect(item.json).toMatchObject({
			found: true,
			userid: 'u-1001',
			user_nick: 'Asha',
			customFields: [
				{ id: 'f-plan', name: 'Plan', value: 'Enterprise', rawValue: '2' },
				{ id: 'f-agent', name: 'Preferred agent', value: 'Ravi', rawValue: 'Ravi' },
			],
			customFieldsByName: { Plan: 'Enterprise', 'Preferred agent': 'Ravi' },
			id: 'u-1001',
			tel: '13800000001',
			email: 'asha@example.com',
			partner_id: 'crm-1',
			nick: 'Asha',
			uname: 'Asha Rao',
			isVip: '1',
			vipLevel: 'gold',
			isblack: '0',
			userStatusName: 'normal',
			userLabel: 'priority;callback',
		});
		expect(item.json.extend_field_values).toHaveLength(2);
	});

	test.each([
		['customerId', 'u-1002', '/api/crm/5/user/get_user_by_id', 'userid'],
		['email', 'asha@example.com', '/api/crm/5/user/get_user_by_email', 'user_emails'],
		['partnerId', 'crm-1', '/api/crm/5/user/get_user_by_partnerid', 'partnerid'],
	])('finds by %s through its own endpoint', async (searchBy, value, path, param) => {
		const result = await run(workflow({ searchBy, value }));

		const lookup = server.requests.find((r) => r.path.startsWith(path))!;
		expect(new URL(lookup.path, 'http://x').searchParams.get(param)).toBe(value);
		expect(result.output('After')[0].json.found).toBe(true);
	});

	test('the notice about social-network IDs shows only next to the partner ID search it is about', () => {
		const notice = new Sobot().description.properties.find((property) => property.name === 'thirdAccountNotice');
		expect(notice?.displayOptions?.show).toMatchObject({ searchBy: ['partnerId'], resource: ['customer'], operation: ['find'] });
	});

	test('the lookup’s other facts (sources.md#sobot-ivr-customer-query) come out under readable names', async () => {
		const [item] = (await run(workflow())).output('After');
		expect(item.json).toMatchObject({
			gender: 'Female',
			country: 'India',
			province: 'Karnataka',
			city: 'Bengaluru',
			vipLevelName: 'Gold',
			source: 'WhatsApp',
			responsibleAgent: 'Ravi Kumar',
			tagNames: '"Service": "Priority", "Callback"',
			socialIds: { whatsappId: '+8613800000001', visitorIds: 'v-77' },
		});
		const [ben] = (await run(workflow(), [{ json: { phone: '13800000002' } }])).output('After');
		expect(ben.json).not.toHaveProperty('gender');
		expect(ben.json).not.toHaveProperty('socialIds');
	});

	test.each<NoCustomerForm>(['null', 'absent', 'emptyObject', 'emptyList'])('"not found" answered as %s is found: false, or the chosen error', async (form) => {
		state.noCustomerAs = form;
		const quiet = await run(workflow(), [{ json: { phone: '19999999999' } }]);
		expect(quiet.output('After').map((i) => i.json)).toEqual([{ found: false }]);
		const strict = await run(workflow({ ifNotFound: 'fail' }), [{ json: { phone: '19999999999' } }]);
		expect(strict.error('Sobot')?.message).toBe('No Sobot customer matches phone "19999999999"');
	});

	test('a customer in an unexpected shape is an error, not "not found"', async () => {
		const odd = await startServer((request) =>
			request.path.startsWith('/api/get_token')
				? sobotStub(state, { [appId]: SOBOT_APP_KEY })(request)
				: { body: { ret_code: '000000', item: { userid: 'u-9', extend_field_values: 'not a list' } } },
		);
		try {
			const result = await runWorkflow(workflow(), { input: [{ json: { phone: '1' } }], credentials: { sobotApi: { ...credentials().sobotApi, baseUrl: odd.url } } });
			expect(result.error('Sobot')?.message).toBe('The service answered in an unexpected shape');
			expect(result.error('Sobot')?.description).toMatch(/^extend_field_values: /);
		} finally {
			await odd.close();
		}
	});

	test('not found is an item with found: false, or an error, as chosen', async () => {
		const quiet = await run(workflow(), [{ json: { phone: '19999999999' } }]);
		expect(quiet.output('After').map((i) => i.json)).toEqual([{ found: false }]);

		const strict = await run(workflow({ ifNotFound: 'fail' }), [{ json: { phone: '19999999999' } }]);
		expect(strict.error('Sobot')?.message).toBe('No Sobot customer matches phone "19999999999"');
	});

	test('an empty search value is refused before any request ("at least one, otherwise nothing")', async () => {
		const result = await run(workflow(), [{ json: { phone: '' } }]);

		expect(server.requests).toHaveLength(0);
		expect(result.error('Sobot')?.message).toBe('Invalid value for "Value" [item 0]');
		expect(result.error('Sobot')?.description).toBe('Value: Expected a value, got an empty value.');
	});

	test('one token for many concurrent items, and for a second execution', async () => {
		const input = Array.from({ length: 25 }, (_, i) => ({ json: { phone: i % 2 ? '13800000001' : '13800000002' } }));
		const first = await run(workflow({ requestOptions: { concurrency: 10 } }), input);
		await run(workflow(), input.slice(0, 3));

		expect(tokenRequests()).toHaveLength(1);
		expect(first.output('After')).toHaveLength(25);
		expect(first.output('After').map((i) => i.json.userid)).toEqual(input.map((i) => (i.json.phone === '13800000001' ? 'u-1001' : 'u-1002')));
	});

	test('an invalid token (900002) goes out once: the credential is read again, it still holds that token, so one renewal follows', async () => {
		await run(workflow());
		const refused = state.tokensIssued[0];
		state.expired.add(refused);
		server.requests.length = 0;

		const result = await run(workflow());

		expect(tokenRequests()).toHaveLength(1);
		expect(state.tokensIssued).toHaveLength(2);
		const lookups = server.requests.filter((r) => r.path.startsWith('/api/crm/5/user/get_user_by_tel'));
		expect(lookups.map((r) => r.headers.token)).toEqual([refused, state.tokensIssued[1]]);
		expect(result.output('After')[0].json.found).toBe(true);
	});

	test('after a 900002, no later item of the run sends the refused token, and the run fetches one token', async () => {
		await run(workflow());
		const refused = state.tokensIssued[0];
		state.expired.add(refused);
		server.requests.length = 0;
		const input = Array.from({ length: 3 }, () => ({ json: { phone: '13800000001' } }));

		const result = await run(workflow({ requestOptions: { concurrency: 1 } }), input);

		const withRefused = server.requests.filter((r) => r.headers.token === refused);
		expect(withRefused).toHaveLength(1);
		expect(tokenRequests()).toHaveLength(1);
		expect(result.output('After').map((i) => i.json.found)).toEqual([true, true, true]);
	});

	test('a token refused again after one renewal is an error, not a loop, and the run asks for no more tokens', async () => {
		await run(workflow());
		state.failWith = '900002';
		server.requests.length = 0;

		const result = await run(workflow({ requestOptions: { concurrency: 1 } }, true), [{ json: { phone: '13800000001' } }, { json: { phone: '13800000002' } }]);

		expect(tokenRequests()).toHaveLength(1);
		// The first token once, the renewed one once; the second item sends neither again.
		expect(server.requests.filter((r) => r.path.startsWith('/api/crm/5/user/get_user_by_tel'))).toHaveLength(2);
		expect(result.output('After').map((i) => i.json.error)).toEqual([
			'The Sobot token expired and a new one was refused',
			'The Sobot token expired and a new one was refused',
		]);
	});

	test.each([
		['expire_in', 'expire_in'],
		['expires_in', 'expires_in'],
		['neither field (24 hours assumed)', 'none'],
	] as const)('the sign-in reads the token lifetime from %s', async (_, form) => {
		state.tokenLifetimeAs = form;
		const result = await run(workflow());

		expect(tokenRequests()).toHaveLength(1);
		expect(result.output('After')[0].json.found).toBe(true);
	});

	test.each([
		['900003', 'Sobot rejected the signature: the app secret is wrong'],
		['900004', 'Sobot has no API configuration for this app ID'],
		['999999', 'Sobot met an unknown system error'],
		['700046', 'Your Sobot edition does not include the API'],
		['400003', 'Sobot allows a query range of at most one month'],
		['400004', 'Sobot requires request parameters that were empty'],
		['400005', 'Sobot could not read a date or time'],
		['400099', 'Sobot rejected the request (code 400099)'],
		['400013', 'The agent is not in the skill group the ticket is assigned to'],
		['510003', 'Sobot rejected the tag or blacklist change (code 510003)'],
		['123456', 'Sobot answered with an error (code 123456)'],
	])('return code %s is reported as "%s", with the code and Sobot’s text', async (retCode, message) => {
		state.failWith = retCode;
		const result = await run(workflow({}, true));

		const [item] = result.output('After');
		expect(item.json.error).toBe(message);
		expect(item.json.code).toBe(retCode);
		expect(item.json.description).toContain(`Sobot says: failure ${retCode}`);
	});

	test('a wrong app key is a clear error, and no secret appears anywhere', async () => {
		const result = await runWorkflow(workflow({}, true), {
			input: [{ json: { phone: '13800000001' } }],
			credentials: { sobotApi: { ...credentials().sobotApi, appSecret: 'wrong-app-key-123456' } },
		});

		expect(result.output('After')[0].json).toMatchObject({ error: 'Sobot rejected the signature: the app secret is wrong', code: '900003' });
		const everything = JSON.stringify(result.run.data);
		expect(everything).not.toContain('wrong-app-key-123456');
		expect(everything).not.toContain(SOBOT_APP_KEY);
	});
});

describe('Sobot customers and tickets', () => {
	test('Search returns every customer across pages with Return All, or up to Limit', async () => {
		state.manyCustomers = 120;
		const all = await run(workflow({ operation: 'search', returnAll: true, filters: { nick: 'C' } }));
		expect(all.output('After')).toHaveLength(120);
		expect(all.output('Sobot').every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		const pages = server.requests.filter((r) => r.path.startsWith('/api/crm/5/user/query_users'));
		// 15 a page, the size Sobot documents (sources.md#sobot-page-sizes).
		expect(pages.map((r) => new URL(r.path, 'http://x').searchParams.get('page_no'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
		expect(pages.every((r) => new URL(r.path, 'http://x').searchParams.get('page_size') === '15')).toBe(true);
		expect(new URL(pages[0].path, 'http://x').searchParams.get('user_nick')).toBe('C');

		server.requests.length = 0;
		const some = await run(workflow({ operation: 'search', returnAll: false, limit: 60 }));
		expect(some.output('After')).toHaveLength(60);
		expect(server.requests.filter((r) => r.path.startsWith('/api/crm/5/user/query_users'))).toHaveLength(4);
	});

	test('Create sends the documented body and returns the customer ID', async () => {
		const result = await run(
			workflow({
				operation: 'create',
				nick: 'Chen',
				additionalFields: { phones: '13800000009', vip: true, customFields: { field: [{ fieldId: 'f-plan', value: '2' }] } },
			}),
		);

		const save = server.requests.find((r) => r.path === '/api/crm/5/user/save_user')!;
		expect(save.json()).toEqual({ user_nick: 'Chen', user_tels: '13800000009', user_level: 1, extend_field_params: [{ fieldid: 'f-plan', field_value: '2' }] });
		expect(result.output('After')[0].json).toEqual({ userid: 'u-new', user_nick: 'Chen', companyid: 'c-1' });
	});

	test('Update needs at least one field, then sends it', async () => {
		const empty = await run(workflow({ operation: 'update', customerId: 'u-1001', updateFields: {} }));
		expect(empty.error('Sobot')?.description).toContain('Expected at least one field to update');
		expect(server.requests).toHaveLength(0);

		const result = await run(workflow({ operation: 'update', customerId: 'u-1001', updateFields: { blacklisted: true, remark: 'abusive' } }));
		expect(server.requests.find((r) => r.path === '/api/crm/5/user/update_user')!.json()).toEqual({ userid: 'u-1001', user_status: 1, remark: 'abusive' });
		expect(result.output('After')[0].json).toEqual({ userid: 'u-1001', updated: true });
	});

	test('Get Custom Field Definitions reads item.extend_fields (sources.md#sobot-helper-lookups) and outputs each field with its ID and name', async () => {
		const result = await run(workflow({ operation: 'getCustomFields' }));
		expect(result.output('After').map((i) => i.json)).toEqual([
			expect.objectContaining({ id: 'f-plan', name: 'Plan', type: 6, typeName: 'drop-down list', required: false, active: true, field_variable: 'plan' }),
			expect.objectContaining({ id: 'f-agent', name: 'Preferred agent', type: 1, active: true }),
		]);
	});

	test('a bot flow opens a ticket for the customer it found, then replies to it', async () => {
		const created = await run(
			workflow({
				resource: 'ticket',
				operation: 'create',
				title: 'Callback',
				content: 'Customer asked for a callback',
				typeId: 'type-7',
				customerBy: 'customerId',
				customer: 'u-1001',
				source: 13,
			}),
		);
		expect(server.requests.find((r) => r.path === '/api/ws/5/ticket/save_user_ticket')!.json()).toEqual({
			ticket_title: 'Callback',
			ticket_content: 'Customer asked for a callback',
			ticket_typeid: 'type-7',
			ticket_from: 13,
			userid: 'u-1001',
		});
		expect(created.output('After')[0].json).toEqual({ ticketid: 't-502' });

		const replied = await run(workflow({ resource: 'ticket', operation: 'addReply', ticketId: 't-502', content: 'Called back' }));
		expect(server.requests.find((r) => r.path === '/api/ws/5/ticket/save_user_reply')!.json()).toEqual({ ticketid: 't-502', reply_content: 'Called back' });
		expect(replied.output('After')[0].json).toEqual({ ticketid: 't-502', replied: true });

		const fetched = await run(workflow({ resource: 'ticket', operation: 'get', ticketId: 't-502' }));
		expect(fetched.output('After')[0].json).toMatchObject({ ticketid: 't-502', ticket_status: 0, deal_list: [expect.objectContaining({ reply_content: 'Called back', start_type: 1 })] });
	});

	test('an agent opens a ticket for a customer and hands it to a group (save_agent_ticket)', async () => {
		const result = await run(
			workflow({
				resource: 'ticket',
				operation: 'createAsAgent',
				title: 'Callback',
				content: 'Customer asked for a callback',
				typeId: 'type-7',
				customerId: 'u-1001',
				createdByAgentId: 'agent-9',
				status: 'inProgress',
				priority: 'high',
				additionalFields: { groupId: 'g-2', recordId: 'call-77' },
			}),
		);

		expect(server.requests.find((r) => r.path === '/api/ws/5/ticket/save_agent_ticket')!.json()).toEqual({
			ticket_title: 'Callback',
			ticket_content: 'Customer asked for a callback',
			ticket_typeid: 'type-7',
			userid: 'u-1001',
			ticket_from: 1,
			create_agentid: 'agent-9',
			ticket_status: 1,
			ticket_level: 2,
			recordid: 'call-77',
			deal_groupid: 'g-2',
		});
		expect(result.output('After')[0].json).toEqual({ ticketid: 't-502' });
	});

	test('an agent replies for agents only, keeping the ticket as it was, then solves it with a reply to everyone', async () => {
		const note = await run(workflow({ resource: 'ticket', operation: 'addAgentReply', ticketId: 't-501', content: 'Courier booked', visibleTo: 'agents', replyingAgentId: 'agent-9' }));

		const [first] = state.agentReplies;
		expect(first).toMatchObject({ ticketid: 't-501', reply_content: 'Courier booked', reply_type: 1, reply_agentid: 'agent-9', ticket_status: 1, ticket_level: 1, ticket_title: 'Refund', ticket_content: 'Order 1042 arrived damaged' });
		expect(first.get_ticket_datetime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		expect(note.output('After')[0].json).toEqual({ ticketid: 't-501', replied: true, visibleTo: 'agents', ticket_status: 1, ticket_level: 1 });
		// The ticket is read before the reply: Sobot takes its fields back with every reply.
		const paths = server.requests.map((r) => r.path.split('?')[0]).filter((p) => p.startsWith('/api/ws'));
		expect(paths).toEqual(['/api/ws/5/ticket/get_ticket_by_id', '/api/ws/5/ticket/save_ticket_reply']);

		const solved = await run(workflow({ resource: 'ticket', operation: 'addAgentReply', ticketId: 't-501', content: 'Replacement delivered', visibleTo: 'everyone', replyingAgentId: 'agent-9', status: 'solved' }));
		expect(state.agentReplies[1]).toMatchObject({ reply_type: 0, ticket_status: 3 });
		expect(solved.output('After')[0].json).toMatchObject({ visibleTo: 'everyone', ticket_status: 3 });
		expect(state.tickets.get('t-501')?.ticket_status).toBe(3);
	});

	test('Get Data Dictionary lists ticket types flattened with their path (leaves marked), and agents and groups with their IDs', async () => {
		const types = await run(workflow({ resource: 'ticket', operation: 'getDataDictionary', entries: 'ticketTypes' }));
		expect(types.output('After').map((i) => i.json)).toEqual([
			expect.objectContaining({ id: 'type-0', name: 'After-sales', path: 'After-sales', leaf: false, level: 1 }),
			expect.objectContaining({ id: 'type-1', name: 'Refund', path: 'After-sales > Refund', leaf: true, level: 2 }),
			expect.objectContaining({ id: 'type-7', name: 'Callback', path: 'Callback', leaf: true, level: 1 }),
		]);
		expect(server.requests.find((r) => r.path.startsWith('/api/ws/5/ticket/get_data_dict'))?.method).toBe('GET');
		const agents = await run(workflow({ resource: 'ticket', operation: 'getDataDictionary', entries: 'agents' }));
		expect(agents.output('After').map((i) => i.json)).toEqual([{ id: 'agent-9', name: 'Ravi Kumar', agentid: 'agent-9', agent_name: 'Ravi Kumar' }]);
		const statuses = await run(workflow({ resource: 'ticket', operation: 'getDataDictionary', entries: 'statuses' }));
		expect(statuses.output('After').map((i) => i.json.id)).toEqual(['0', '1', '2', '3', '99', '98']);
	});

	test('an agent uploads an attachment (multipart part file, with file_num_key), then replies with its path', async () => {
		const binary = await storedBinary(Buffer.from('%PDF-1.4 delivery note\n'), 'delivery.pdf', 'application/pdf');
		const uploaded = await runWorkflow(workflow({ resource: 'ticket', operation: 'uploadAttachment', binaryProperty: 'data' }), {
			input: [{ json: {}, binary: { data: binary } }],
			credentials: credentials(),
		});

		const [item] = uploaded.output('After');
		expect(item.json).toEqual({ file_url: 'https://img.sobot.com/ticket/1/delivery.pdf', fileName: 'delivery.pdf', size: 23 });
		const upload = server.requests.find((r) => r.path === '/api/ws/5/ticket/upload_file')!;
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.headers.token).toBe(state.tokensIssued[0]);
		expect(upload.raw.toString()).toContain('%PDF-1.4 delivery note');

		await run(workflow({ resource: 'ticket', operation: 'addAgentReply', ticketId: 't-501', content: 'Delivery note attached', visibleTo: 'everyone', replyingAgentId: 'agent-9', additionalFields: { files: String(item.json.file_url) } }));
		expect(state.agentReplies[0]).toMatchObject({ reply_file_str: 'https://img.sobot.com/ticket/1/delivery.pdf' });
	});

	test('Reply as Agent refuses a missing agent ID or an unknown status before any request', async () => {
		const noAgent = await run(workflow({ resource: 'ticket', operation: 'addAgentReply', ticketId: 't-501', content: 'x', visibleTo: 'everyone', replyingAgentId: '={{ "" }}' }));
		expect(noAgent.error('Sobot')?.message).toBe('Invalid value for "Agent ID" [item 0]');
		const badStatus = await run(workflow({ resource: 'ticket', operation: 'addAgentReply', ticketId: 't-501', content: 'x', visibleTo: 'everyone', replyingAgentId: 'a', status: 'deleted' }));
		expect(badStatus.error('Sobot')?.message).toBe('Invalid value for "Status After Reply" [item 0]');
		expect(server.requests).toHaveLength(0);
	});

	test('Ticket Search sends Sobot’s date format and refuses a range over a month before sending', async () => {
		const result = await run(
			workflow({ resource: 'ticket', operation: 'search', createdAfter: '2026-11-01T00:00:00', createdBefore: '2026-11-20T18:30:00', filters: { status: '1' } }),
		);
		const query = new URL(server.requests.find((r) => r.path.startsWith('/api/ws/5/ticket/query_tickets'))!.path, 'http://x').searchParams;
		expect(query.get('create_start_datetime')).toBe('2026-11-01 00:00:00');
		expect(query.get('create_end_datetime')).toBe('2026-11-20 18:30:00');
		expect(query.get('ticket_status')).toBe('1');
		expect(result.output('After')).toHaveLength(1);

		server.requests.length = 0;
		const tooLong = await run(
			workflow({ resource: 'ticket', operation: 'search', createdAfter: '2026-09-01T00:00:00', createdBefore: '2026-11-20T00:00:00' }),
		);
		expect(server.requests).toHaveLength(0);
		expect(tooLong.error('Sobot')?.message).toBe('Invalid value for "Created Before" [item 0]');
	});
});

describe('Sobot credential Test button', () => {
	test('a right app ID and key fetch one token, and the Test button uses it', async () => {
		const result = await testCredential('sobotApi', credentials().sobotApi);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(state.tokensIssued).toHaveLength(1);
	});

	test('create_time and the sign agree even when the clock ticks between reads', async () => {
		const start = Date.now();
		let calls = 0;
		// Every read of the clock is 0.7 s later: reading it twice would put the two in different seconds.
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => start + 700 * calls++);
		try {
			const result = await testCredential('sobotApi', credentials().sobotApi);
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		} finally {
			clock.mockRestore();
		}
	});

	test('the app secret has one name everywhere (field, form, errors), with Sobot’s own term app_key given where users look for it', () => {
		const field = new SobotApi().properties.find((property) => property.typeOptions?.password);
		expect(field).toMatchObject({ name: 'appSecret', displayName: 'App Secret' });
		expect(field?.description).toContain('Sobot calls it app_key');
		// The token n8n keeps in the credential is redacted too; it is no secret the user types.
		expect(sobotService.secretFields).toEqual(['appSecret', 'accessToken']);
		const texts = JSON.stringify([RETURN_CODES, new SobotApi().test, sobotService.authSteps]);
		expect(texts).not.toMatch(/app key/i);
	});

	test.each([
		// In the node's own words (RETURN_CODES): the Test button signs in as the node does.
		['a wrong key', { appSecret: 'not-the-key' }, RETURN_CODES['900003'].message],
		['an unknown app ID', { appId: 'nobody' }, RETURN_CODES['900004'].message],
	])('%s is reported clearly', async (_, change, message) => {
		const result = await testCredential('sobotApi', { ...credentials().sobotApi, ...change });
		expect(result).toEqual({ status: 'Error', message });
	});
});
