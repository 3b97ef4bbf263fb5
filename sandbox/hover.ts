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
	/**
	 * Each action's steps with every attribute, as custom_steps_attributes sent them. Hover keeps them
	 * but its answers list only the values (sources.md#hover-action-object), so they are kept apart.
	 */
	steps: Map<string, Attributes[]>;
	parsers: Map<string, Attributes>;
	apps: Map<string, Attributes>;
}

/** An action's attributes as Hover's create answer (sources.md#hover-action-answer) shows them. */
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
			['5fa2e7b3', action('5fa2e7b3', 'Buy Bundle', { transport_type: 'stk', root_code: '*544#', steps: ['0', 'bundle', 'pin'] })],
			['0ff1ce00', action('0ff1ce00', 'Old Promo', { steps: [], archived_at: '2026-09-01T00:00:00Z' })],
		]),
		steps: new Map([
			[
				'13ce04ca',
				[
					{ order: '0', is_param: 'false', convert_val_to_num: 'false', value: '1', description: 'one' },
					{ order: '1', is_param: 'false', convert_val_to_num: 'false', value: '4', description: '' },
					{ order: '2', is_param: 'false', convert_val_to_num: 'false', value: '-', description: '' },
				],
			],
			['0ff1ce00', []],
			[
				'a1b2c3d4',
				[
					{ order: '0', is_param: 'false', convert_val_to_num: 'false', value: '2', expected_text: 'Buy Airtime', description: 'menu' },
					{ order: '1', is_param: 'true', convert_val_to_num: 'false', value: 'amount', description: 'amount to buy' },
					{ order: '2', is_param: 'false', convert_val_to_num: 'false', value: 'pin', description: '' },
				],
			],
			[
				'5fa2e7b3',
				[
					{ order: '0', is_param: 'false', convert_val_to_num: 'false', value: '0', expected_text: 'Bundles', description: 'the first menu option' },
					{ order: '1', is_param: 'true', convert_val_to_num: 'true', value: 'bundle', description: 'picks the bundle by its text' },
					{ order: '2', is_param: 'false', convert_val_to_num: 'false', value: 'pin', description: '' },
				],
			],
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

// JSON:API: every answer is `{ data: { id, type, attributes } }` or a list of them (sources.md#hover-envelope).
const data = (id: string, type: string, attributes: Attributes) => ({ id, type, attributes });

/** The steps custom_steps_attributes holds, in their order, with every attribute as sent. */
const stepsOf = (input: Attributes) =>
	Object.values((input.custom_steps_attributes ?? {}) as Record<string, Attributes>).sort((a, b) => Number(a.order) - Number(b.order));

/**
 * STK Number steps need their expected text (sources.md#hover-step-types); Hover's answer to one
 * without is undocumented: a 422 with Rails' field errors is a guess.
 */
function stepErrors(transportType: unknown, steps: Attributes[]): Reply | undefined {
	const isNumber = (step: Attributes) => step.is_param === 'false' && step.value !== 'pin' && step.value !== '-';
	if (transportType === 'stk' && steps.some((step) => isNumber(step) && !step.expected_text)) {
		return { status: 422, body: { errors: { expected_text: ["can't be blank for an STK number step"] } } };
	}
	return undefined;
}

/** Answers like Hover's configuration API as its docs describe it. */
export function hoverStub(state: HoverStubState) {
	return (request: RecordedRequest): Reply => {
		const url = new URL(request.path, 'http://stub');
		const path = url.pathname.replace(/^\/api/, '').replace(/\/+$/, '');
		const body = request.body ? (request.json() as Record<string, Record<string, unknown>>) : {};
		// Sign-in: sources.md#hover-authentication (JWT in auth_token). Its refusal is undocumented: 401 with an error text is a guess.
		if (path === '/authenticate' && request.method === 'POST') {
			if ((body as Attributes).email !== HOVER_EMAIL || (body as Attributes).password !== HOVER_PASSWORD) {
				return { status: 401, body: { error: 'Invalid email or password' } };
			}
			state.logins++;
			const token = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(`{"n":${state.logins}}`).toString('base64url')}.sig${state.logins}`;
			state.tokens.push(token);
			return { body: { auth_token: token } };
		}
		// Public list of operators, no sign-in: sources.md#hover-world-operators. Its answer's shape is undocumented; this one is a guess.
		if (path === '/world_operators') {
			return { body: [{ id: 2172, name: 'Safaricom Ltd.', country_alpha2: 'ke' }, { id: 17, name: 'MTN Uganda', country_alpha2: 'ug' }] };
		}
		// The bare JWT in Authorization (sources.md#hover-authentication); 401 for a missing or expired one is our inference, a guess.
		const token = request.headers.authorization;
		if (!token || !state.tokens.includes(token) || state.expired.has(token)) {
			return { status: 401, body: { error: 'Not Authorized' } };
		}

		let match: RegExpMatchArray | null;
		// List actions: sources.md#hover-actions-api.
		if (path === '/actions' && request.method === 'GET') {
			return { body: { data: [...state.actions].map(([id, a]) => data(id, 'custom_action', a)) } };
		}
		// Create: sources.md#hover-actions-api; name, world_operator_ids, transport_type and root_code are [required]
		// (sources.md#hover-action-fields). The 422 body for a missing one follows Rails' convention: a guess.
		if (path === '/actions' && request.method === 'POST') {
			const input = body.custom_action;
			const missing = ['name', 'world_operator_ids', 'transport_type', 'root_code'].filter((field) => !input[field] || (Array.isArray(input[field]) && !(input[field] as unknown[]).length));
			if (missing.length) return { status: 422, body: { errors: Object.fromEntries(missing.map((field) => [field, ["can't be blank"]])) } };
			const steps = stepsOf(input);
			const refused = stepErrors(input.transport_type, steps);
			if (refused) return refused;
			// `description` is not in the create schema (sources.md#hover-action-fields): like a Rails
			// controller's permitted parameters, the sandbox keeps only the fields the schema lists (a guess).
			state.steps.set('5e7f9a01', steps);
			const created = action('5e7f9a01', String(input.name), {
				root_code: input.root_code,
				transport_type: input.transport_type,
				steps: steps.map((step) => String(step.value)),
				operators: (input.world_operator_ids as string[]).map((id) => [id === '2172' ? 'Safaricom Ltd.' : `Operator ${id}`, null]),
			});
			state.actions.set('5e7f9a01', created);
			return { body: { data: data('5e7f9a01', 'custom_action', created) } };
		}
		// Get, update, archive and restore an action, and list its parsers: sources.md#hover-actions-api.
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
				const steps = stepsOf(input);
				const refused = stepErrors(input.transport_type ?? found.transport_type, steps);
				if (refused) return refused;
				// The fields of the update schema only (sources.md#hover-action-fields): no description.
				for (const field of ['name', 'root_code', 'transport_type'] as const) {
					if (input[field] !== undefined) found[field] = input[field];
				}
				if (input.world_operator_ids !== undefined) found.operators = (input.world_operator_ids as string[]).map((id) => [id === '2172' ? 'Safaricom Ltd.' : `Operator ${id}`, null]);
				// "If you have steps configured, you'll have to include them in your payload" (sources.md#hover-update-steps):
				// the payload's steps replace the action's, and a payload without steps leaves it with none.
				state.steps.set(id, steps);
				found.steps = steps.map((step) => String(step.value));
				found.updated_at = '2026-11-23T10:00:00Z';
			}
			return { body: { data: data(id, 'custom_action', found) } };
		}
		// Create a parser: sources.md#hover-parsers-api; 422 for an unknown action is a guess at Rails' answer. An SMS parser
		// needs a sender (sources.md#hover-parser-sms); the 422 for one without is a guess too.
		if (path === '/parsers' && request.method === 'POST') {
			const input = body.parser;
			if (!state.actions.has(String(input.action_id))) return { status: 422, body: { errors: { action_id: ['must exist'] } } };
			if (input.target_type === 'sms' && !input.sender) return { status: 422, body: { errors: { sender: ["can't be blank"] } } };
			const created = { id: 157341, target_type: 'ussd', sender: null, ...input, custom_action_public_id: input.action_id, archived_at: null };
			state.parsers.set('157341', created);
			return { body: { data: data('157341', 'custom_parser', created) } };
		}
		// Get, update, archive and restore parsers and apps: sources.md#hover-parsers-api and sources.md#hover-apps-api (archive answers { id, archived }).
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
			if (request.method === 'PATCH') {
				const changes = kind === 'parsers' ? body.parser : body.app;
				// An SMS parser keeps a sender (sources.md#hover-parser-sms).
				if (kind === 'parsers' && (changes.target_type ?? found.target_type) === 'sms' && !(changes.sender ?? found.sender)) {
					return { status: 422, body: { errors: { sender: ["can't be blank"] } } };
				}
				Object.assign(found, changes);
			}
			return { body: { data: data(id, kind === 'parsers' ? 'custom_parser' : 'app', found) } };
		}
		// Create an app, answering its SDK token and webhook secret: sources.md#hover-apps-api.
		if (path === '/apps' && request.method === 'POST') {
			const created = { id: 43121, ...body.app, token: 'sdk-token-new', webhook_secret: 'whsec-new', archived_at: null };
			state.apps.set('43121', created);
			return { body: { data: data('43121', 'app', created) } };
		}
		// Anything else: the web server's own 404 page (a guess).
		return { status: 404, body: '<html>Not Found</html>' };
	};
}

/** A transaction webhook as Hover posts it: sources.md#hover-webhooks. */
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
