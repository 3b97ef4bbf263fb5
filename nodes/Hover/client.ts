import { definedFields } from '../shared/body';
import { ServiceError, fieldErrorsOf } from '../shared/errors';
import type { HttpClient, HttpError, HttpMethod } from '../shared/http';
import { resource, toAction, toApp, toParser } from './schemas';
import type { Resource } from './schemas';

export interface HoverSettings {
	baseUrl: string;
	organizationId?: string;
}

// Hover does not document its error answers; these follow what its Rails API most plausibly sends.
export function mapHoverError(failure: HttpError): ServiceError | undefined {
	if (failure.kind !== 'status') return undefined;
	const status = failure.response?.status;
	const body = failure.response?.body;
	const own = (body as { error?: unknown; message?: unknown } | null)?.error ?? (body as { message?: unknown } | null)?.message;
	if (status === 401 || status === 403) {
		return new ServiceError('Hover refused the sign-in', {
			httpCode: status,
			description:
				'Check the email and password (or the token, which lasts two hours) of the Hover credential, and the organization ID if you set one.',
			body,
		});
	}
	if (status === 404) {
		return new ServiceError('Hover has no such item', { httpCode: status, description: 'Check the ID; archived items can still be fetched by ID.', body });
	}
	if (status === 422 || status === 400) {
		return new ServiceError(`Hover rejected the request${typeof own === 'string' ? `: ${own}` : ''}`, {
			httpCode: status,
			fields: fieldErrorsOf((body as { errors?: unknown } | null)?.errors),
			body,
		});
	}
	return undefined;
}

export const TRANSPORT_TYPES = ['ussd', 'stk', 'push', 'variable_longstring'] as const;
export type TransportType = (typeof TRANSPORT_TYPES)[number];

export const STEP_TYPES = ['number', 'variable', 'selectNumberByText', 'pin', 'ok'] as const;

/** One step of a USSD or SIM menu path, as the user describes it. */
export interface Step {
	type: (typeof STEP_TYPES)[number];
	value?: string;
	expectedText?: string;
	description?: string;
}

/** How each step type is written, per Hover's actions API (sources.md#hover-step-attributes). */
const STEP_ENCODING = {
	number: { is_param: 'false', convert_val_to_num: 'false' },
	variable: { is_param: 'true', convert_val_to_num: 'false' },
	selectNumberByText: { is_param: 'true', convert_val_to_num: 'true' },
	pin: { is_param: 'false', convert_val_to_num: 'false', value: 'pin' },
	ok: { is_param: 'false', convert_val_to_num: 'false', value: '-' },
} as const;

/**
 * The steps as `custom_steps_attributes`: keyed "0", "1", … with every value a string, and every
 * attribute Hover documents for the step's type: order, is_param, convert_val_to_num, value and
 * description, and a Number step's expected_text (sources.md#hover-step-attributes).
 */
function customSteps(steps: Step[]): Record<string, Record<string, string>> {
	return Object.fromEntries(
		steps.map((step, index) => {
			const { value: fixedValue, ...flags } = { value: undefined, ...STEP_ENCODING[step.type] };
			const encoded: Record<string, string> = {
				order: String(index),
				...flags,
				value: fixedValue ?? step.value ?? '',
				description: step.description ?? '',
			};
			if (step.type === 'number' && step.expectedText) encoded.expected_text = step.expectedText;
			return [String(index), encoded];
		}),
	);
}

/**
 * What Create and Update send: the fields Hover's create and update schemas list. `description` is
 * not one of them (sources.md#hover-action-fields), so it is read but never sent.
 */
export interface ActionFields {
	name?: string;
	rootCode?: string;
	transportType?: TransportType;
	operators?: string[];
	steps?: Step[];
}

/** The `custom_action` body; absent fields are left out, steps only when there are some. */
export function actionBody(fields: ActionFields): { custom_action: Record<string, unknown> } {
	return {
		custom_action: definedFields({
			name: fields.name,
			world_operator_ids: fields.operators?.length ? fields.operators : undefined,
			transport_type: fields.transportType,
			root_code: fields.rootCode,
			custom_steps_attributes: fields.steps?.length ? customSteps(fields.steps) : undefined,
		}),
	};
}

export type ParserStatus = 'succeeded' | 'failed' | 'pending';

/** The channel a parser reads: the USSD session or an SMS, which needs its sender (sources.md#hover-parser-sms). */
export type ParserTarget = 'ussd' | 'sms';

export interface ParserFields {
	actionId?: string;
	status?: ParserStatus;
	targetType?: ParserTarget;
	sender?: string;
	category?: string;
	regex?: string;
	userMessage?: string;
}

export interface AppFields {
	name?: string;
	packageName?: string;
	/** null clears it. */
	webhookUrl?: string | null;
}

/** The resources that share Get, Archive and Restore, by their API paths. */
const PATHS = { action: '/actions', parser: '/parsers', app: '/apps' } as const;
export type HoverResource = keyof typeof PATHS;

const pathOf = (kind: HoverResource, id: string) => `${PATHS[kind]}/${encodeURIComponent(id)}`;

/** Hover's configuration API (actions, parsers, apps). Knows nothing of n8n. */
export class HoverClient {
	private readonly baseUrl: string;

	constructor(
		private readonly http: HttpClient,
		private readonly settings: HoverSettings,
	) {
		this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
	}

	private async request(method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
		const response = await this.http.request({
			method,
			url: `${this.baseUrl}${path}`,
			qs: this.settings.organizationId ? { organization_id: this.settings.organizationId } : undefined,
			body,
		});
		return response.body;
	}

	/** A JSON:API answer's `data`, as one resource. */
	private async one(method: HttpMethod, path: string, body?: unknown): Promise<Resource> {
		const data = ((await this.request(method, path, body)) as { data?: unknown } | null)?.data;
		const parsed = resource.safeParse(data);
		if (!parsed.success) throw new ServiceError('Hover answered without the expected item (no data)', { body: data });
		return parsed.data;
	}

	/** A JSON:API answer's `data`, as a list of resources. */
	private async many(path: string): Promise<Resource[]> {
		const data = ((await this.request('GET', path)) as { data?: unknown } | null)?.data;
		const parsed = resource.array().safeParse(data);
		if (!parsed.success) throw new ServiceError('Hover answered without the expected list (no data)', { body: data });
		return parsed.data;
	}

	/** Any action, parser or app by ID, as Hover sends it. */
	async get(kind: HoverResource, id: string): Promise<Resource> {
		return await this.one('GET', pathOf(kind, id));
	}

	/** Archives an action, parser or app; it can be restored. */
	async archive(kind: HoverResource, id: string): Promise<unknown> {
		return await this.request('DELETE', pathOf(kind, id));
	}

	async restore(kind: HoverResource, id: string): Promise<Resource> {
		return await this.one('PUT', `${pathOf(kind, id)}/restore`);
	}

	async listActions() {
		return (await this.many(PATHS.action)).map(toAction);
	}

	async getAction(id: string) {
		return toAction(await this.get('action', id));
	}

	async createAction(fields: ActionFields) {
		return toAction(await this.one('POST', PATHS.action, actionBody(fields)));
	}

	/**
	 * Changes an action. Hover replaces the steps of an action that has steps with those in the
	 * payload (sources.md#hover-update-steps), and its answers list steps only by value, without their
	 * types, expected texts or descriptions (sources.md#hover-action-object). So steps go out only as
	 * the user gives them: an update without steps is sent only to an action that has none, after one
	 * read, and refused for any other, saying why, before anything is changed.
	 */
	async updateAction(id: string, fields: ActionFields) {
		if (!fields.steps?.length) {
			const { steps } = await this.getAction(id);
			if (steps.length > 0) throw stepsNotReproducible(steps);
		}
		return toAction(await this.one('PATCH', pathOf('action', id), actionBody(fields)));
	}

	async listParsers(actionId: string) {
		return (await this.many(`${pathOf('action', actionId)}/parsers`)).map(toParser);
	}

	async createParser(fields: ParserFields) {
		return toParser(await this.one('POST', PATHS.parser, { parser: parserBody(fields) }));
	}

	async updateParser(id: string, fields: ParserFields) {
		return toParser(await this.one('PATCH', pathOf('parser', id), { parser: parserBody(fields) }));
	}

	async getApp(id: string) {
		return toApp(await this.get('app', id));
	}

	async createApp(fields: AppFields) {
		return toApp(await this.one('POST', PATHS.app, { app: appBody(fields) }));
	}

	async updateApp(id: string, fields: AppFields) {
		return toApp(await this.one('PATCH', pathOf('app', id), { app: appBody(fields) }));
	}

	/** The network operators actions can run on: public, no sign-in needed. */
	async worldOperators(): Promise<Array<{ id: string; name: string; country?: string }>> {
		const answer = await this.request('GET', '/world_operators');
		const list = Array.isArray(answer) ? answer : ((answer as { data?: unknown[] } | null)?.data ?? []);
		// The list's shape is undocumented: accept plain objects and JSON:API resources alike.
		return list.flatMap((entry) => {
			const item = entry as { id?: unknown; name?: unknown; country_alpha2?: unknown; attributes?: Record<string, unknown> };
			const attributes = item.attributes ?? (item as Record<string, unknown>);
			const name = attributes.name ?? item.name;
			if (item.id === undefined || typeof name !== 'string') return [];
			return [{ id: String(item.id), name, country: (attributes.country_alpha2 ?? attributes.country) as string | undefined }];
		});
	}
}

/** Why an update without steps is not sent to an action that has steps. */
function stepsNotReproducible(values: string[]): ServiceError {
	return new ServiceError('Hover cannot update this action without its steps', {
		description: [
			`Hover replaces an action's steps with those an update sends, and lists this action's steps only by their values (${values.map((v) => JSON.stringify(v)).join(', ')}),`,
			'without their types, expected texts or descriptions, so sending them back could change them (a Select Number By Text step would become a Variable one).',
			'Nothing was changed. Add every step, in order, under Update Fields > Steps, or change the action in Hover’s dashboard.',
		].join(' '),
	});
}

function parserBody(fields: ParserFields) {
	return definedFields({
		action_id: fields.actionId,
		status: fields.status,
		regex: fields.regex,
		category: fields.category,
		target_type: fields.targetType,
		sender: fields.sender,
		user_message: fields.userMessage,
	});
}

function appBody(fields: AppFields) {
	return definedFields({ name: fields.name, package_name: fields.packageName, webhook_url: fields.webhookUrl });
}
