/**
 * The live suite's parts (test/live): every operation classified as read or write, the redaction of
 * what it writes, the shape checks, and how the environment and LIVE_WRITES are read.
 * test/engine/live.test.ts runs the whole suite against the sandbox.
 */
import { z } from 'zod/v4';

import { conversationClientId } from '../../nodes/ServicePattern/conversation';
import { reshaped } from '../../sandbox/main';
import { SERVICES, operationOf } from '../harness/operations';
import { liveConfig, parseWrites } from '../live/config';
import { LIVE_PLAN } from '../live/plan';
import { Redaction } from '../live/redact';
import { extraFields, shapeDifferences } from '../live/shapes';

const OPERATIONS = SERVICES.flatMap((entry) => entry.actions.operations.map((operation) => `${entry.key} ${operation.resource}.${operation.value}`));

describe('classification (test/live/plan.ts)', () => {
	test('every operation of every node is classified as read-only or as a write', () => {
		expect(OPERATIONS.filter((key) => !LIVE_PLAN[key])).toEqual([]);
		expect(Object.keys(LIVE_PLAN).filter((key) => !OPERATIONS.includes(key))).toEqual([]);
	});

	test('no operation that must never be sent twice is classified read-only', () => {
		const unsafe = OPERATIONS.filter((key) => {
			const [service, name] = key.split(' ');
			const [resource, operation] = name.split('.');
			return LIVE_PLAN[key]?.kind === 'read' && operationOf({ service: service as never, resource, operation }).sideEffects;
		});
		expect(unsafe).toEqual([]);
	});

	test('what a plan needs is a parameter of its operation', () => {
		const wrong = Object.entries(LIVE_PLAN).flatMap(([key, plan]) => {
			const [service, name] = key.split(' ');
			const [resource, operation] = name.split('.');
			const properties = operationOf({ service: service as never, resource, operation }).properties.map((property) => property.name);
			return (plan.needs ?? []).filter((need) => !properties.includes(need)).map((need) => `${key}: ${need}`);
		});
		expect(wrong).toEqual([]);
	});
});

describe('redaction', () => {
	test('secrets, tokens, phone numbers, emails and names are replaced the same way everywhere, in the same form', () => {
		const redaction = new Redaction();
		redaction.register('sk_live_0123456789abcdef', 'secret');
		redaction.collect({ auth_token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl', customer: { nick: 'Asha', user_tels: '13800000001', email: 'asha@example.com' }, note: 'call +15550001 after 5' });
		const raw = {
			header: 'Bearer sk_live_0123456789abcdef',
			path: '/users?phone=13800000001',
			text: 'Asha (asha@example.com) asked for Asha’s refund; Ashanti did not',
			phone: '+1 555 0001',
			token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl',
			when: '2026-11-23T10:00:00Z',
		};
		redaction.collect(raw);
		const written = redaction.apply(raw);
		const text = JSON.stringify(written);
		for (const secret of ['sk_live_0123456789abcdef', '13800000001', 'asha@example.com', 'eyJhbGciOiJIUzI1NiJ9', '5550001']) expect(text).not.toContain(secret);
		expect(written.text).not.toMatch(/\bAsha\b/);
		// A name inside another word is that word.
		expect(written.text).toContain('Ashanti');
		expect(written.when).toBe('2026-11-23T10:00:00Z');
		// The same number, however it is written, has the same stand-in, of the same form.
		expect(written.phone).toMatch(/^\+[1-9] \d{3} \d{4}$/);
		expect(written.phone).not.toBe('+1 555 0001');
		expect(redaction.text('+15550001')).toBe(written.phone.replace(/ /g, ''));
		expect(written.path).toMatch(/^\/users\?phone=[1-9]\d{10}$/);
		expect(redaction.text('13800000001')).toBe(written.path.split('=')[1]);
		expect(written.header).toMatch(/^Bearer [g-z]{2}_[g-z]{3}[a-f]_[0-9a-f]{16}$/);
	});

	test('a value derived from a redacted one follows it, and the run’s own names are kept', () => {
		const redaction = new Redaction([conversationClientId]);
		redaction.keep('n8n live test');
		redaction.collect({ conversationKey: 'whatsapp:+15550001', name: 'n8n live test' });
		const clientId = conversationClientId('whatsapp:+15550001');
		const fake = redaction.text('whatsapp:+15550001');
		expect(fake).not.toBe('whatsapp:+15550001');
		expect(redaction.text(`/chats?client=${clientId}`)).toBe(`/chats?client=${conversationClientId(fake)}`);
		expect(redaction.text('n8n live test')).toBe('n8n live test');
	});

	test('stand-ins differ from run to run: none can be turned back into the value', () => {
		const [one, two] = [new Redaction(), new Redaction()];
		one.register('13800000001', 'personal');
		two.register('13800000001', 'personal');
		expect(one.text('13800000001')).not.toBe(two.text('13800000001'));
	});
});

describe('shapes', () => {
	const schema = z.looseObject({ id: z.string(), tags: z.array(z.looseObject({ name: z.string() })).optional(), attributes: z.record(z.string(), z.unknown()), kind: z.union([z.looseObject({ a: z.number() }), z.looseObject({ b: z.number() })]) });

	test('fields the output schema does not name are listed by path; a record takes anything', () => {
		expect(extraFields(schema, { id: '1', tags: [{ name: 'x', colour: 'red' }], attributes: { anything: 1 }, kind: { a: 1, b: 2, c: 3 }, tier: 'gold' })).toEqual(['tags[].colour', 'kind.c', 'tier']);
		expect(extraFields(schema, { id: '1', attributes: {}, kind: { a: 1 } })).toEqual([]);
	});

	test('differences from the sandbox’s answer are listed field by field, types not values', () => {
		const real = { data: [{ id: 7, name: 'A', extra: { deep: true } }], next: null, items: [] };
		const sandbox = { data: [{ id: '7', name: 'B', gone: 1 }], next: 'cursor', items: [{ id: 'x' }] };
		expect(shapeDifferences(real, sandbox).sort()).toEqual(
			["data[].extra: only in the real answer (object)", "data[].gone: only in the sandbox's answer (number)", 'data[].id: real number, sandbox string', 'next: real null, sandbox string'].sort(),
		);
		expect(shapeDifferences(sandbox, sandbox)).toEqual([]);
	});
});

test('the sandbox’s shape switch drops, retypes and adds fields at any depth', () => {
	const answer = { data: [{ id: 'a1', steps: ['1'], count: 2, attributes: { id: 7, ok: true } }] };
	expect(reshaped(answer, { drop: ['id'], retype: ['steps', 'count', 'ok'], add: { extra: 1 } })).toEqual({
		data: [{ steps: '["1"]', count: '2', attributes: { ok: 'true', extra: 1 }, extra: 1 }],
		extra: 1,
	});
});

describe('configuration', () => {
	const NOWHERE = { LIVE_CREDENTIALS_FILE: '/nonexistent/live.credentials.json' };

	test('each service’s variables are named after its credential’s fields; a partial set is an error naming what is missing', async () => {
		const config = await liveConfig({ ...NOWHERE, LIVE_HOVER_EMAIL: 'ops@example.com', LIVE_HOVER_PASSWORD: 'pw-1', LIVE_HOVER_DATA: '{"actionId": "13ce04ca"}', LIVE_SOBOT_APP_ID: 'app-1', LIVE_HAPTIK_BUSINESS_ID: '343', LIVE_HAPTIK_TOKEN: 't', LIVE_HAPTIK_CLIENT_ID: 'c', LIVE_PAUSE_MS: '250' });
		expect(config.services.map((service) => service.key)).toEqual(['hover', 'haptik']);
		expect(config.services[0].credentials).toMatchObject({ authentication: 'password', email: 'ops@example.com', password: 'pw-1', baseUrl: 'https://www.usehover.com/api' });
		expect(config.services[0].data).toEqual({ actionId: '13ce04ca' });
		expect(config.services[1].credentials.businessId).toBe(343);
		expect(config.errors).toEqual(['Sobot: LIVE_SOBOT_APP_SECRET not set (the credential needs it)']);
		expect(config.skipped.map((skip) => skip.key)).toEqual(['telspiel', 'servicepattern']);
		expect(config.pauseMs).toBe(250);
	});

	test('LIVE_WRITES names writes one by one, by resource, by service or all; a read, an unknown or an ambiguous name is an error', () => {
		const errors: string[] = [];
		expect([...parseWrites('hover.action.create, sobot.ticket.*', errors)]).toEqual(['hover action.create', 'sobot ticket.create', 'sobot ticket.createAsAgent', 'sobot ticket.addReply', 'sobot ticket.addAgentReply', 'sobot ticket.uploadAttachment']);
		expect([...parseWrites('telspiel.clickToCall', errors)]).toEqual(['telspiel call.clickToCall']);
		expect(parseWrites('*', errors).size).toBe(Object.values(LIVE_PLAN).filter((plan) => plan.kind === 'write').length);
		expect(errors).toEqual([]);
		parseWrites('hover.create,hover.action.list,hover.nothing', errors);
		expect(errors).toEqual([
			'LIVE_WRITES names "hover.create", which could be hover.action.create or hover.parser.create or hover.app.create: name one',
			'LIVE_WRITES names hover.action.list, which only reads: it always runs',
			'LIVE_WRITES names "hover.nothing", which is no operation (names look like hover.action.create; docs/live.md lists them)',
		]);
	});
});
