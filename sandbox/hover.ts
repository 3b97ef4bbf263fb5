import type { RecordedRequest, Reply } from './http';

export const HOVER_EMAIL = 'ops@example.com';
export const HOVER_PASSWORD = 'hover-password-test-91';
export const APP_WEBHOOK_SECRET = 'whsec-hover-test-5c2a';

type Attributes = Record<string, unknown>;

export interface HoverStubState {
	logins: number;
	tokens: string[];
	/** Tokens Hover no longer accepts (as after two hours). */
	expired: Set<string>;
	actions: Map<string, Attributes>;
	parsers: Map<string, Attributes>;
	apps: Map<string, Attributes>;
}

const action = (id: string, name: string, extra: Attributes = {}): Attributes => ({
	public_id: id,
	name,
	description: null,
	root_code: '*144#',
	transport_type: 'ussd',
	organization_id: 7,
	created_at: '2026-10-01T10:00:00Z',
	updated_at: '2026-10-01T10:00:00Z',
	archived_at: null,
	transactions_count: 3,
	operators: [['Safaricom Ltd.', null]],
	steps: ['1', '4', '-'],
	...extra,
});

export function newHoverState(): HoverStubState {
	return {
		logins: 0,
		tokens: [],
		expired: new Set(),
		actions: new Map([
			['13ce04ca', action('13ce04ca', 'Check Bundle Balance')],
			['a1b2c3d4', action('a1b2c3d4', 'Buy Airtime', { steps: ['2', 'amount', 'pin'] })],
			['0ff1ce00', action('0ff1ce00', 'Old Promo', { archived_at: '2026-09-01T00:00:00Z' })],
		]),
		parsers: new Map([
			[
				'157340',
				{
					id: 157340,
					status: 'succeeded',
					category: 'balance',
					target_type: 'ussd',
					sender: null,
					regex: 'Balance: (?<balance>[\\d.]+) (?<currency>\\w+)',
					user_message: null,
					custom_action_public_id: '13ce04ca',
					archived_at: null,
					transactions_count: 2,
				},
			],
		]),
		apps: new Map([
			[
				'43120',
				{
					id: 43120,
					name: 'Field App',
					package_name: 'com.example.field',
					token: 'sdk-token-field-app',
					webhook_url: 'https://old.example.com/hook',
					webhook_secret: APP_WEBHOOK_SECRET,
					organization_id: 7,
					archived_at: null,
				},
			],
		]),
	};
}

const data = (id: string, type: string, attributes: Attributes) => ({ id, type, attributes });

/** Answers like Hover's configuration API as its docs describe it. */
export function hoverStub(state: HoverStubState) {
	return (request: RecordedRequest): Reply => {
		const url = new URL(request.path, 'http://stub');
		const path = url.pathname.replace(/^\/api/, '').replace(/\/+$/, '');
		const body = request.body ? (request.json() as Record<string, Record<string, unknown>>) : {};
		if (path === '/authenticate' && request.method === 'POST') {
			if ((body as Attributes).email !== HOVER_EMAIL || (body as Attributes).password !== HOVER_PASSWORD) {
				return { status: 401, body: { error: 'Invalid email or password' } };
			}
			state.logins++;
			const token = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(`{"n":${state.logins}}`).toString('base64url')}.sig${state.logins}`;
			state.tokens.push(token);
			return { body: { auth_token: token } };
		}
		if (path === '/world_operators') {
			return { body: [{ id: 2172, name: 'Safaricom Ltd.', country_alpha2: 'ke' }, { id: 17, name: 'MTN Uganda', country_alpha2: 'ug' }] };
		}
		const token = request.headers.authorization;
		if (!token || !state.tokens.includes(token) || state.expired.has(token)) {
			return { status: 401, body: { error: 'Not Authorized' } };
		}

		let match: RegExpMatchArray | null;
		if (path === '/actions' && request.method === 'GET') {
			return { body: { data: [...state.actions].map(([id, a]) => data(id, 'custom_action', a)) } };
		}
		if (path === '/actions' && request.method === 'POST') {
			const input = body.custom_action;
			const steps = Object.values((input.custom_steps_attributes ?? {}) as Record<string, Attributes>).map((s) => String(s.value));
			const created = action('5e7f9a01', String(input.name), {
				root_code: input.root_code ?? null,
				transport_type: input.transport_type,
				steps,
				operators: (input.world_operator_ids as string[]).map((id) => [id === '2172' ? 'Safaricom Ltd.' : `Operator ${id}`, null]),
			});
			state.actions.set('5e7f9a01', created);
			return { body: { data: data('5e7f9a01', 'custom_action', created) } };
		}
		if ((match = path.match(/^\/actions\/([^/]+)(\/restore|\/parsers)?$/))) {
			const [, id, suffix] = match;
			const found = state.actions.get(id);
			if (!found) return { status: 404, body: { error: 'Not Found' } };
			if (suffix === '/parsers') {
				return { body: { data: [...state.parsers].filter(([, p]) => p.custom_action_public_id === id).map(([pid, p]) => data(pid, 'custom_parser', p)) } };
			}
			if (suffix === '/restore' && request.method === 'PUT') found.archived_at = null;
			if (request.method === 'DELETE') {
				found.archived_at = '2026-11-23T00:00:00Z';
				return { body: { id, archived: true } };
			}
			if (request.method === 'PATCH') {
				const input = body.custom_action;
				if (input.name !== undefined) found.name = input.name;
				if (input.custom_steps_attributes) {
					found.steps = Object.values(input.custom_steps_attributes as Record<string, Attributes>).map((s) => String(s.value));
				}
			}
			return { body: { data: data(id, 'custom_action', found) } };
		}
		if (path === '/parsers' && request.method === 'POST') {
			const input = body.parser;
			if (!state.actions.has(String(input.action_id))) return { status: 422, body: { errors: { action_id: ['must exist'] } } };
			const created = { id: 157341, ...input, custom_action_public_id: input.action_id, target_type: 'ussd', archived_at: null };
			state.parsers.set('157341', created);
			return { body: { data: data('157341', 'custom_parser', created) } };
		}
		if ((match = path.match(/^\/(parsers|apps)\/([^/]+)(\/restore)?$/))) {
			const [, kind, id, restore] = match;
			const store = kind === 'parsers' ? state.parsers : state.apps;
			const found = store.get(id);
			if (!found) return { status: 404, body: { error: 'Not Found' } };
			if (restore && request.method === 'PUT') found.archived_at = null;
			if (request.method === 'DELETE') {
				found.archived_at = '2026-11-23T00:00:00Z';
				return { body: { id: kind === 'apps' ? Number(id) : id, archived: true } };
			}
			if (request.method === 'PATCH') Object.assign(found, kind === 'parsers' ? body.parser : body.app);
			return { body: { data: data(id, kind === 'parsers' ? 'custom_parser' : 'app', found) } };
		}
		if (path === '/apps' && request.method === 'POST') {
			const created = { id: 43121, ...body.app, token: 'sdk-token-new', webhook_secret: 'whsec-new', archived_at: null };
			state.apps.set('43121', created);
			return { body: { data: data('43121', 'app', created) } };
		}
		return { status: 404, body: '<html>Not Found</html>' };
	};
}

/** A transaction webhook as Hover posts it. */
export function transactionWebhook(secret: string, status = 'succeeded') {
	return {
		meta: { secret },
		data: {
			id: '0b6f4c1e-7d52-4a0e-9b1e-3f2a1c9d8e7f',
			type: 'transaction',
			attributes: {
				uuid: '0b6f4c1e-7d52-4a0e-9b1e-3f2a1c9d8e7f',
				device_id: 'dev-1',
				action_public_id: '13ce04ca',
				action_name: 'Check Bundle Balance',
				status,
				category: 'balance',
				user_message: 'Your balance is 120.50 KES',
				operator_name: 'Safaricom Ltd.',
				country: 'KE',
				environment: 'normal',
				initiated_at: '2026-11-23T08:00:00Z',
				updated_at: '2026-11-23T08:00:05Z',
				input_extras: { phone: '0700000000' },
				custom_parser_ids: [157340],
				parsed_variables: { balance: '120.50', currency: 'KES' },
				session_messages: ['Balance: 120.50 KES'],
				values_entered: ['1', '4', '(pin)'],
				sms_hits: [{ message: 'Balance: 120.50 KES', sender: 'MPESA', timestamp: '2026-11-23T08:00:04Z' }],
				sms_misses: [],
			},
		},
	};
}
