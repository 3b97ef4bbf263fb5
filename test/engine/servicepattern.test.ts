import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { conversationClientId } from '../../nodes/ServicePattern/conversation';
import { binaryDataService, storedBinary } from '../harness/package';
import { startTrigger } from '../harness/triggers';
import { runWorkflow } from '../harness/workflow';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import { AGENT, PHOTO, SP_APP_ID, SP_TENANT, newSpState, servicePatternStub } from '../../sandbox/servicepattern';
import type { SpStubState } from '../../sandbox/servicepattern';
import chatWorkflow from './workflows/servicepattern-chat.json';
import spTriggerWorkflow from './workflows/servicepattern-trigger.json';

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

let server: TestServer;
let lookupDelays: number[] = [];
let state: SpStubState;

beforeAll(async () => {
	server = await startServer(async (request) => {
		const reply = await servicePatternStub(state)(request);
		// Tests may slow the chat lookups of the first items down, so that later items would overtake them.
		if (request.path.startsWith('/clientweb/api/v1/chats/active') && lookupDelays.length > 0) reply.delayMs = lookupDelays.shift();
		return reply;
	});
});
afterAll(async () => await server.close());
beforeEach(() => {
	state = newSpState();
	server.requests.length = 0;
});

const credentials = (overrides: Record<string, unknown> = {}) => ({
	servicePatternApi: { baseUrl: server.url, tenantUrl: SP_TENANT, appId: SP_APP_ID, apiVersion: 'v1', ...overrides },
});

function workflow(parameters: INodeParameters, continueOnFail = false): Workflow {
	const copy = structuredClone(chatWorkflow) as unknown as Workflow;
	const node = copy.nodes.find((n) => n.name === 'ServicePattern')!;
	node.parameters = { ...node.parameters, ...parameters };
	if (continueOnFail) node.onError = 'continueRegularOutput';
	return copy;
}

const customer = (name = 'whatsapp:+15550001') => [{ json: { customer: name } }];
const run = (parameters: INodeParameters, input = customer(), creds = credentials()) => runWorkflow(workflow(parameters), { input, credentials: creds });
const out = async (parameters: INodeParameters, input = customer()) => {
	const result = await run(parameters, input);
	const error = result.error('ServicePattern');
	if (error) throw new Error(`${error.message}: ${error.description ?? ''}`);
	return result.output('After').map((i) => i.json);
};

describe('ServicePattern conversations', () => {
	test('a conversation key maps to the same UUID v5 client ID every time, and different keys to different ones', () => {
		const id = conversationClientId('whatsapp:+15550001');
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(conversationClientId('whatsapp:+15550001')).toBe(id);
		expect(conversationClientId('whatsapp:+15550002')).not.toBe(id);
	});

	test('every request carries the documented headers and tenantUrl', async () => {
		const [item] = await out({ operation: 'checkAvailability' });

		expect(item).toMatchObject({ chat: 'available', available: true, ewt: '3', clientId: conversationClientId('whatsapp:+15550001') });
		const [request] = server.requests;
		expect(request.path).toBe(`/clientweb/api/v1/availability?tenantUrl=${SP_TENANT}`);
		expect(request.headers.authorization).toBe(`MOBILE-API-140-327-PLAIN appId="${SP_APP_ID}", clientId="${item.clientId}"`);
		expect(request.headers['user-agent']).toBe('MobileClient');
	});

	test('a whole chat: request, agent joins and greets, customer replies, agent answers, customer ends it', async () => {
		const [chat] = await out({ operation: 'requestChat', additionalFields: { from: 'Ann', phoneNumber: '+1 555 0001', parameters: { parameter: [{ name: 'first_name', value: 'Ann' }] } } });
		expect(chat).toMatchObject({ chatId: 'chat-1', state: 'queued', is_new_chat: true });
		expect(server.requests[0].json()).toEqual({ phone_number: '+15550001', from: 'Ann', parameters: { first_name: 'Ann' } });

		const [first] = await out({ operation: 'getNewChatEvents' });
		expect(first.chatId).toBe('chat-1');
		expect((first.events as Array<Record<string, unknown>>).map((e) => e.event)).toEqual(['chat_session_status', 'chat_session_party_joined', 'chat_session_message']);
		const greeting = (first.events as Array<Record<string, unknown>>)[2];
		expect(greeting).toMatchObject({ party_id: AGENT.party_id, msg: 'Hello, how can I help?' });
		// The greeting's timestamp is in seconds, the join's in milliseconds: both become ISO times.
		expect(String(greeting.time)).toMatch(/^20\d\d-/);
		expect(String((first.events as Array<Record<string, unknown>>)[1].time)).toMatch(/^20\d\d-/);

		const [sent] = await out({ resource: 'event', operation: 'sendMessage', message: 'My order is late' });
		expect(sent.sent).toMatchObject({ event: 'chat_session_message', msg: 'My order is late' });
		expect(String((sent.sent as { msg_id: string }).msg_id)).toMatch(/^chat-1:\d+$/);

		const [reply] = await out({ operation: 'getNewChatEvents' });
		expect(reply.events).toEqual([expect.objectContaining({ event: 'chat_session_message', msg: 'You said: My order is late' })]);
		expect(reply.ended).toBe(false);

		await out({ resource: 'event', operation: 'sendMessage', message: 'ok bye' });
		const [last] = await out({ operation: 'getNewChatEvents' });
		expect((last.events as Array<Record<string, unknown>>).map((e) => e.event)).toEqual(['chat_session_message', 'chat_session_ended']);
		expect(last.ended).toBe(true);

		const [none] = await out({ operation: 'getActiveChat' });
		expect(none).toEqual({ clientId: chat.clientId, active: false });
	});

	test('Request Chat with no fields sends the JSON body the API requires, {} at least', async () => {
		const [chat] = await out({ operation: 'requestChat' });
		expect(chat).toMatchObject({ chatId: 'chat-1', is_new_chat: true });
		expect(server.requests[0].body).toBe('{}');
		expect(server.requests[0].headers['content-type']).toMatch(/^application\/json/);
	});

	test('Request Chat takes the callback number as the API does: the seed’s extension 3001, or a full number', async () => {
		const [chat] = await out({ operation: 'requestChat', additionalFields: { phoneNumber: '3001' } });
		expect(server.requests[0].json()).toEqual({ phone_number: '3001' });
		expect(chat).toMatchObject({ phone_number: '3001' });
		const bad = await runWorkflow(workflow({ operation: 'requestChat', additionalFields: { phoneNumber: 'call me' } }), { input: customer(), credentials: credentials() });
		expect(bad.error('ServicePattern')?.description).toContain('Expected a phone number or extension');
	});

	test.each([
		['+44 20 7946 0958', '+442079460958'],
		['+44 (0)20 7946 0958', '+442079460958'],
		['+1 (650) 888-8888', '+16508888888'],
		['0044 20 7946 0958', '00442079460958'],
	])('the callback number %s goes out with its country code, as %s (sources.md#servicepattern-callback-number)', async (typed, sent) => {
		await out({ operation: 'requestChat', additionalFields: { phoneNumber: typed } });
		expect(server.requests[0].json()).toEqual({ phone_number: sent });
	});

	test('a conversation’s messages go out in item order, one at a time, while another conversation runs alongside', async () => {
		await out({ operation: 'requestChat' });
		await out({ operation: 'requestChat' }, customer('whatsapp:+15550009'));
		server.requests.length = 0;
		lookupDelays = [400, 300, 200, 100];
		const input = Array.from({ length: 8 }, (_, i) => ({ json: { customer: i % 4 === 3 ? 'whatsapp:+15550009' : 'whatsapp:+15550001', text: `m${i}` } }));
		const result = await run({ resource: 'event', operation: 'sendMessage', message: '={{ $json.text }}', requestOptions: { concurrency: 5 } }, input);

		expect(result.output('After').map((item) => (item.json.sent as { msg: string }).msg)).toEqual(input.map((item) => item.json.text));
		const sent = (chatId: string) =>
			server.requests
				.filter((r) => r.method === 'POST' && r.path.startsWith(`/clientweb/api/v1/chats/${chatId}/events`))
				.map((r) => (r.json() as { events: Array<{ msg: string }> }).events[0].msg);
		expect(sent('chat-1')).toEqual(['m0', 'm1', 'm2', 'm4', 'm5', 'm6']);
		expect(sent('chat-2')).toEqual(['m3', 'm7']);
	});

	test('Get New Chat Events items on one chat poll one at a time: never two held polls', async () => {
		await out({ operation: 'requestChat' });
		const result = await run({ operation: 'getNewChatEvents', requestOptions: { concurrency: 3 } }, [...customer(), ...customer(), ...customer()]);
		expect(result.error('ServicePattern')).toBeUndefined();
		expect(result.output('After')).toHaveLength(3);
		expect(state.overlappingPolls).toBe(0);
	});

	test('Request Chat again returns the conversation’s existing session; other customers get their own', async () => {
		await out({ operation: 'requestChat' });
		const [again] = await out({ operation: 'requestChat' });
		const [other] = await out({ operation: 'requestChat' }, customer('whatsapp:+15550009'));
		expect(again).toMatchObject({ chatId: 'chat-1', is_new_chat: false });
		expect(other).toMatchObject({ chatId: 'chat-2', is_new_chat: true });
	});

	test('Get Active Chat can fail instead, and chat operations without a chat say so', async () => {
		const strict = await run({ operation: 'getActiveChat', ifNotFound: 'fail' });
		expect(strict.error('ServicePattern')?.message).toBe('This conversation has no active chat');
		const send = await run({ resource: 'event', operation: 'sendMessage', message: 'hi' });
		expect(send.error('ServicePattern')?.message).toBe('This conversation has no active chat');
	});

	test('typing, location, navigation, form data and raw events are sent as the API defines them', async () => {
		await out({ operation: 'requestChat' });
		await out({ resource: 'event', operation: 'sendTyping', typing: true });
		await out({ resource: 'event', operation: 'sendTyping', typing: false });
		await out({ resource: 'event', operation: 'sendLocation', latitude: 52.52, longitude: 13.405 });
		await out({ resource: 'event', operation: 'sendNavigation', page: 'https://shop.example.com/checkout', title: 'Checkout' });
		await out({ resource: 'event', operation: 'submitFormData', formRequestId: 'form-9', formName: 'survey', data: '{"score": 5}' });
		await out({ resource: 'event', operation: 'sendEvent', event: '{"event":"chat_session_signaling","msg_id":"s:1","destination_party_id":"agent-42","data":"{\\"type\\":\\"END_CALL\\"}"}' });
		await out({ resource: 'event', operation: 'sendEvent', event: '{"event":"chat_session_signaling","msg_id":"s:2","destination_party_id":"agent-42","data":{"type":"REQUEST_CALL","offerVideo":"false"}}' });

		const sent = server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/clientweb/api/v1/chats/chat-1/events')).map((r) => (r.json() as { events: unknown[] }).events[0]);
		expect(sent).toEqual([
			{ event: 'chat_session_typing' },
			{ event: 'chat_session_not_typing' },
			{ event: 'chat_session_location', msg_id: expect.stringMatching(/^chat-1:/), latitude: 52.52, longitude: 13.405 },
			{ event: 'chat_session_navigation', msg_id: expect.stringMatching(/^chat-1:/), page: 'https://shop.example.com/checkout', title: 'Checkout' },
			{ event: 'chat_session_form_data', form_request_id: 'form-9', form_name: 'survey', data: { score: 5 } },
			// Signaling data is a string (sources.md#servicepattern-signaling-data); an object is sent as its JSON text.
			{ event: 'chat_session_signaling', msg_id: 's:1', destination_party_id: 'agent-42', data: '{"type":"END_CALL"}' },
			{ event: 'chat_session_signaling', msg_id: 's:2', destination_party_id: 'agent-42', data: '{"type":"REQUEST_CALL","offerVideo":"false"}' },
		]);
	});

	test('delivered and read receipts go out on API v2, and are refused on v1 before any request (sources.md#servicepattern-v2-receipts)', async () => {
		await out({ operation: 'requestChat' });
		server.requests.length = 0;
		for (const event of ['chat_session_message_read', 'chat_session_message_delivered']) {
			const v1 = await run({ resource: 'event', operation: 'sendEvent', event: `{"event":"${event}","ref_msg_id":"a:1"}` });
			expect(v1.error('ServicePattern')?.message).toBe(`The ${event} event needs API version v2`);
		}
		expect(server.requests).toHaveLength(0);

		const v2 = await runWorkflow(workflow({ resource: 'event', operation: 'sendEvent', event: '{"event":"chat_session_message_read","ref_msg_id":"a:1"}' }), {
			input: customer(),
			credentials: credentials({ apiVersion: 'v2' }),
		});
		expect(v2.output('After')[0].json.sent).toEqual({ event: 'chat_session_message_read', ref_msg_id: 'a:1' });
		expect(server.requests.find((r) => r.method === 'POST')?.path).toMatch(/^\/clientweb\/api\/v2\/chats\/chat-1\/events/);
	});

	test('an event the API does not define, or a bad one, is refused before sending', async () => {
		await out({ operation: 'requestChat' });
		server.requests.length = 0;
		const unknown = await run({ resource: 'event', operation: 'sendEvent', event: '{"event":"chat_session_dance"}' });
		expect(unknown.error('ServicePattern')?.message).toBe('The event is not one the contact center accepts');
		const badForm = await run({ resource: 'event', operation: 'submitFormData', formRequestId: 'f', data: 'not json' });
		expect(badForm.error('ServicePattern')?.description).toContain('Expected valid JSON');
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	test('Get Chat History returns every event, End Chat ends the session', async () => {
		await out({ operation: 'requestChat' });
		await out({ resource: 'event', operation: 'sendMessage', message: 'hello' });
		const [history] = await out({ operation: 'getChatHistory' });
		expect((history.events as unknown[]).length).toBe(5);
		const [ended] = await out({ operation: 'endChat' });
		expect(ended.sent).toEqual({ event: 'chat_session_end' });
		expect((await out({ operation: 'getActiveChat' }))[0]).toMatchObject({ active: false });
	});

	test('Get Chat Widget Configuration returns the launch point’s widgets (sources.md#servicepattern-widget-configuration)', async () => {
		const [item] = await out({ operation: 'getWidgetConfiguration' });
		expect(item).toMatchObject({ clientId: conversationClientId('whatsapp:+15550001'), widgets: [{ name: 'Support', definition: { contact_tab: expect.objectContaining({ enabled: true }) } }] });
		expect(server.requests[0].path).toBe(`/clientweb/api/v1/configuration?tenantUrl=${SP_TENANT}`);
	});

	test('Get Expected Parameters lists name and type', async () => {
		const [item] = await out({ operation: 'getExpectedParameters' });
		expect(item.parameters).toEqual([{ name: 'first_name', type: 'FIRST_NAME' }, { name: 'phone', type: 'PHONE' }]);
	});

	test('v2 extras: Get Version works on v2 and says what is needed on v1', async () => {
		const v2 = await runWorkflow(workflow({ operation: 'getVersion' }), { input: customer(), credentials: credentials({ apiVersion: 'v2' }) });
		expect(v2.output('After')[0].json).toMatchObject({ server_version: '5.5.6.12345 (Stable)' });
		const v1 = await run({ operation: 'getVersion' });
		expect(v1.error('ServicePattern')?.message).toBe('Get Version needs API version v2');
	});

	test('v2 case: the scenario sets one, Get Case History gives every chat of it, Close Case closes it (then both say there is none)', async () => {
		const v2 = credentials({ apiVersion: 'v2' });
		const runV2 = (parameters: INodeParameters) => runWorkflow(workflow(parameters), { input: customer(), credentials: v2 });
		await runV2({ operation: 'requestChat' });
		const [events] = (await runV2({ operation: 'getNewChatEvents' })).output('After').map((i) => i.json);
		expect(events.events).toContainEqual(expect.objectContaining({ event: 'chat_session_case_set', case_id: 'case-1' }));

		const history = await runV2({ operation: 'getCaseHistory' });
		expect(history.output('After')[0].json).toMatchObject({ chatId: 'chat-1', sessions: [{ chat_id: 'chat-1', time: expect.any(String), events: expect.arrayContaining([expect.objectContaining({ event: 'chat_session_message' })]) }] });
		expect(server.requests.find((r) => r.path.includes('/casehistory'))?.path).toMatch(/^\/clientweb\/api\/v2\/chats\/chat-1\/casehistory\?tenantUrl=/);

		const closed = await runV2({ operation: 'closeCase' });
		expect(closed.output('After')[0].json).toMatchObject({ chatId: 'chat-1', closed: true });
		const close = server.requests.find((r) => r.path.includes('/closecase'))!;
		expect(close.method).toBe('POST');
		expect(close.path).toMatch(/^\/clientweb\/api\/v2\/chats\/chat-1\/closecase\?/);
		expect(close.json()).toEqual({ events: [{ event: 'chat_session_end' }] });

		const again = await runV2({ operation: 'closeCase' });
		expect(again.error('ServicePattern')?.message).toBe('This chat has no CRM case');
		expect(again.error('ServicePattern')?.httpCode).toBe('406');
		const noHistory = await runV2({ operation: 'getCaseHistory' });
		expect(noHistory.error('ServicePattern')?.message).toBe('This chat has no CRM case');
	});

	test('the case operations say what is needed on v1, before any request', async () => {
		await out({ operation: 'requestChat' });
		server.requests.length = 0;
		expect((await run({ operation: 'getCaseHistory' })).error('ServicePattern')?.message).toBe('Get Case History needs API version v2');
		expect((await run({ operation: 'closeCase' })).error('ServicePattern')?.message).toBe('Close Case needs API version v2');
		expect(server.requests).toHaveLength(0);
	});

	test.each([
		[{ appId: 'wrong' }, 'The contact center refused the request: Missing or invalid application unique id', '3000'],
		[{ tenantUrl: 'other.example.com' }, 'The contact center refused the request: Missing or invalid tenantUrl', '1000'],
	])('configuration errors are explained (%p)', async (change, message, code) => {
		const result = await runWorkflow(workflow({ operation: 'checkAvailability' }, true), { input: customer(), credentials: credentials(change) });
		expect(result.output('After')[0].json).toMatchObject({ error: message, code });
		expect(String(result.output('After')[0].json.description)).toContain('Check the Base URL, Tenant URL and App ID');
	});
});

describe('ServicePattern files', () => {
	test('Upload File streams stored binary data as the multipart part "file", then posts it into the chat', async () => {
		await out({ operation: 'requestChat' });
		const content = Buffer.alloc(300_000, 7);
		const binary = await storedBinary(content, 'invoice.pdf', 'application/pdf');
		expect(binary.id).toBeDefined();

		const result = await run({ resource: 'file', operation: 'uploadFile', binaryProperty: 'data' }, [{ json: { customer: 'whatsapp:+15550001' }, binary: { data: binary } } as never]);

		const [item] = result.output('After').map((i) => i.json);
		expect(item).toMatchObject({ fileId: 'file-1', fileName: 'invoice.pdf', size: 300_000, posted: true, chatId: 'chat-1' });
		const stored = state.files.get('file-1')!;
		expect(stored.fileName).toBe('invoice.pdf');
		expect(stored.contentType).toBe('application/pdf');
		expect(stored.content.equals(content)).toBe(true);
		const posted = server.requests.filter((r) => r.method === 'POST' && r.path.includes('/events')).map((r) => (r.json() as { events: unknown[] }).events[0]);
		expect(posted).toEqual([expect.objectContaining({ event: 'chat_session_file', file_id: 'file-1', file_name: 'invoice.pdf', file_type: 'application/pdf' })]);
	});

	test('Upload File refuses a file over 25 MB before sending anything', async () => {
		await out({ operation: 'requestChat' });
		server.requests.length = 0;
		const binary = await storedBinary(Buffer.alloc(25 * 1024 * 1024 + 1), 'big.bin', 'application/octet-stream');

		const result = await run({ resource: 'file', operation: 'uploadFile', binaryProperty: 'data' }, [{ json: { customer: 'whatsapp:+15550001' }, binary: { data: binary } } as never]);

		expect(result.error('ServicePattern')?.message).toBe('The file is 25.0 MB; the contact center accepts at most 25 MB');
		expect(server.requests).toHaveLength(0);
	});

	test('Get File and Get Agent Profile Photo come out as binary data', async () => {
		await out({ operation: 'requestChat' });
		state.files.set('file-7', { content: Buffer.from('hello file'), fileName: 'note.txt', contentType: 'text/plain' });

		const file = await run({ resource: 'file', operation: 'getFile', fileId: 'file-7' });
		const [fileItem] = file.output('After');
		expect(fileItem.json).toMatchObject({ chatId: 'chat-1', fileName: 'note.txt', mimeType: 'text/plain', size: 'hello file'.length });
		const service = await binaryDataService();
		expect((await service.getAsBuffer(fileItem.binary!.data)).toString()).toBe('hello file');

		const photo = await run({ resource: 'file', operation: 'getAgentProfilePhoto', partyId: AGENT.party_id });
		const [photoItem] = photo.output('After');
		expect(photoItem.binary!.data.mimeType).toBe('image/png');
		expect((await service.getAsBuffer(photoItem.binary!.data)).equals(PHOTO)).toBe(true);
	});
});

describe('ServicePattern Trigger', () => {
	const triggerWorkflow = (parameters: INodeParameters = {}) => {
		const copy = structuredClone(spTriggerWorkflow) as unknown as Workflow;
		copy.nodes[0].parameters = { ...copy.nodes[0].parameters, ...parameters };
		return copy;
	};
	// n8n keeps a node's static data under "node:<node name>".
	const followed = (trigger: { staticData: Record<string, unknown> }) =>
		(trigger.staticData['node:ServicePattern Trigger'] as { chatId?: string } | undefined)?.chatId;

	test('waits for the chat, then starts the workflow for each agent message and the end, one poll at a time', async () => {
		const trigger = await startTrigger(triggerWorkflow(), 'ServicePattern Trigger', credentials());
		try {
			// No chat yet: the trigger waits for one to be requested.
			await out({ operation: 'requestChat' });
			const [greeting] = await trigger.nextEmits(1);
			expect(greeting.map((i) => i.json)).toEqual([
				expect.objectContaining({ event: 'chat_session_message', msg: 'Hello, how can I help?', chatId: 'chat-1', clientId: conversationClientId('whatsapp:+15550001') }),
			]);
			expect(followed(trigger)).toBe('chat-1');

			const sentAt = Date.now();
			await out({ resource: 'event', operation: 'sendMessage', message: 'Where is my order?' });
			const [, answer] = await trigger.nextEmits(2);
			// The held poll returns as soon as the agent answers: no sleeping in between.
			expect(Date.now() - sentAt).toBeLessThan(1000);
			expect(answer.map((i) => i.json.msg)).toEqual(['You said: Where is my order?']);

			await out({ resource: 'event', operation: 'sendMessage', message: 'bye' });
			const [, , last] = await trigger.nextEmits(3);
			expect(last.map((i) => i.json.event)).toEqual(['chat_session_message', 'chat_session_ended']);
			// The chat is over: the trigger lets it go, ready for the conversation's next chat.
			expect(followed(trigger)).toBeUndefined();
			expect(state.overlappingPolls).toBe(0);
			expect(trigger.errors).toEqual([]);
		} finally {
			await trigger.close();
		}
	});

	test('an outage is reported once, never with emitError; the trigger recovers by itself when the contact center answers again', async () => {
		// Its own contact center, switched off and on again on the same port.
		const own = newSpState(200);
		let sp = await startServer((request) => servicePatternStub(own)(request));
		const port = Number(new URL(sp.url).port);
		const creds = credentials({ baseUrl: sp.url });
		const trigger = await startTrigger(triggerWorkflow(), 'ServicePattern Trigger', creds);
		const request = async () => expect((await runWorkflow(workflow({ operation: 'requestChat' }), { input: customer(), credentials: creds })).error('ServicePattern')).toBeUndefined();
		try {
			await request();
			expect((await trigger.nextEmits(1))[0][0].json.msg).toBe('Hello, how can I help?');

			await sp.close();
			// Long enough for several failed attempts with a growing pause between them.
			await new Promise((resolve) => setTimeout(resolve, 7000));
			expect(trigger.failedExecutions.map((error) => error.message)).toEqual([expect.stringMatching(/ServicePattern could not be reached/)]);
			expect(trigger.errors).toEqual([]);

			// On again, with nothing remembered: the trigger lets the lost chat go and follows the next one.
			own.chats.clear();
			sp = await startServer((request) => servicePatternStub(own)(request), port);
			await request();
			const emits = await trigger.nextEmits(2, 40_000);
			expect(emits[1].map((item) => item.json.msg)).toEqual(['Hello, how can I help?']);
			expect(trigger.failedExecutions).toHaveLength(1);
			expect(trigger.errors).toEqual([]);
		} finally {
			await trigger.close();
			await sp.close();
		}
	}, 60_000);

	test('stopping aborts the held poll at once, and a restarted trigger resumes the same chat', async () => {
		state.holdMs = 20_000;
		await out({ operation: 'requestChat' });
		const staticData = {};
		const first = await startTrigger(triggerWorkflow({ events: ['status'] }), 'ServicePattern Trigger', credentials(), staticData);
		let stopAt = 0;
		try {
			await first.nextEmits(1);
			expect(followed(first)).toBe('chat-1');
		} finally {
			stopAt = Date.now();
			await first.close();
		}
		// The stub holds the next poll 20 s; stopping does not wait for it.
		expect(Date.now() - stopAt).toBeLessThan(2000);

		const second = await startTrigger(triggerWorkflow(), 'ServicePattern Trigger', credentials(), first.staticData);
		try {
			await out({ resource: 'event', operation: 'sendMessage', message: 'still there?' });
			const [reply] = await second.nextEmits(1);
			expect(reply[0].json).toMatchObject({ chatId: 'chat-1', msg: 'You said: still there?' });
		} finally {
			await second.close();
		}
	});

	test('a chat that disappears (404) is let go, and the next chat is followed', async () => {
		const trigger = await startTrigger(triggerWorkflow(), 'ServicePattern Trigger', credentials());
		try {
			await out({ operation: 'requestChat' });
			await trigger.nextEmits(1);
			state.chats.get('chat-1')!.ended = true;
			state.chats.get('chat-1')!.wake?.();
			await out({ operation: 'requestChat' });
			const [, next] = await trigger.nextEmits(2);
			expect(next[0].json).toMatchObject({ chatId: 'chat-2', msg: 'Hello, how can I help?' });
			expect(trigger.errors).toEqual([]);
		} finally {
			await trigger.close();
		}
	});
});
