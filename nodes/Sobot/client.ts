import { createHash } from 'crypto';

import { parseAnswer } from '../shared/answers';
import { definedFields } from '../shared/body';
import { ServiceError } from '../shared/errors';
import type { HttpClient, HttpMethod } from '../shared/http';
import { customFieldDefinition, customFieldDefinitions, customer, envelope } from './schemas';
import type { Customer, Envelope } from './schemas';

export const SUCCESS = '000000';
export const TOKEN_EXPIRED = '900002';

/** Sobot's documented return codes (open API v5), with what the user can do about them. */
export const RETURN_CODES: Record<string, { message: string; description?: string }> = {
	'900001': { message: 'Sobot received no token', description: 'This is a defect of the node; please report it.' },
	'900002': { message: 'The Sobot token expired and a new one was refused', description: 'Check the app ID and app secret of the Sobot credential.' },
	'900003': { message: 'Sobot rejected the signature: the app secret is wrong', description: 'Check the app secret (Sobot’s app_key) of the Sobot credential.' },
	'900004': {
		message: 'Sobot has no API configuration for this app ID',
		description: 'Check the app ID and the region of the Sobot credential: each region has its own accounts.',
	},
	'999999': { message: 'Sobot met an unknown system error', description: 'Try again later; if it persists, contact Sobot.' },
	'700046': { message: 'Your Sobot edition does not include the API', description: 'Free and overseas team editions have no open API access.' },
	'400003': { message: 'Sobot allows a query range of at most one month' },
	'400004': { message: 'Sobot requires request parameters that were empty' },
	'400005': { message: 'Sobot could not read a date or time', description: 'Use the format YYYY-MM-DD HH:mm:ss.' },
};

export function sobotError(body: Envelope): ServiceError {
	const code = body.ret_code;
	const known = RETURN_CODES[code];
	const family = /^4000\d\d$/.test(code)
		? 'Sobot rejected the request'
		: /^(5100\d\d|50015\d)$/.test(code)
			? 'Sobot rejected the tag or blacklist change'
			: 'Sobot answered with an error';
	return new ServiceError(known?.message ?? `${family} (code ${code})`, {
		code,
		description: [known?.description, body.ret_msg ? `Sobot says: ${body.ret_msg}` : undefined].filter(Boolean).join(' '),
		body,
	});
}

export interface SobotSettings {
	baseUrl: string;
}

/** Sobot's sign: lowercase hex md5 of appid + create_time + app_key. */
export function sign(appId: string, createTime: number, appKey: string): string {
	return createHash('md5').update(`${appId}${createTime}${appKey}`).digest('hex');
}


export type Query = Record<string, string | number | boolean | undefined>;

/**
 * How "no such customer" looks. The evidence: Sobot's IVR customer query returns null when it has
 * nothing to go on (seed 002, line 63); the reference client (sheet X1) types `item` as an object, has no not-found return code
 * and throws only on a ret_code other than 000000. So "not found" is a success answer whose `item` is
 * null or missing, or, from servers that serialise an empty result differently, an empty object, an
 * empty list, an empty string, or an object without a customer ID. Anything else is a customer.
 */
function isNoCustomer(item: unknown): boolean {
	if (item === null || item === undefined || item === '') return true;
	if (Array.isArray(item)) return item.length === 0;
	if (typeof item !== 'object') return false;
	const { userid } = item as { userid?: unknown };
	return userid === undefined || userid === null || userid === '';
}

/** One lookup endpoint per search field, as the open API offers them (single values only). */
const CUSTOMER_LOOKUPS = {
	customerId: { path: '/api/crm/5/user/get_user_by_id', param: 'userid' },
	phone: { path: '/api/crm/5/user/get_user_by_tel', param: 'user_tels' },
	email: { path: '/api/crm/5/user/get_user_by_email', param: 'user_emails' },
	partnerId: { path: '/api/crm/5/user/get_user_by_partnerid', param: 'partnerid' },
} as const;
export type CustomerLookup = keyof typeof CUSTOMER_LOOKUPS;

/** How a ticket's customer is identified; Sobot matches in this order of priority. */
const TICKET_CUSTOMER_KEYS = { customerId: 'userid', partnerId: 'partnerid', email: 'user_emails', phone: 'user_tels' } as const;

export const CUSTOMER_PAGE_SIZE = 50;
/** query_tickets serves at most 50 a page. */
export const TICKET_PAGE_SIZE = 50;

export interface CustomField {
	fieldId: string;
	value: string;
}

/** The customer fields Create and Update take, by the names users read. */
export interface CustomerFields {
	nick?: string;
	name?: string;
	phones?: string;
	emails?: string;
	vip?: boolean;
	vipLevel?: string;
	tags?: string;
	blacklisted?: boolean;
	enterpriseName?: string;
	partnerId?: string;
	remark?: string;
	customFields?: CustomField[];
}

export interface CustomerFilters {
	nick?: string;
	phone?: string;
	email?: string;
	status?: '0' | '1';
	enterpriseId?: string;
	createdAfter?: string;
	createdBefore?: string;
}

export interface NewTicket {
	title: string;
	content: string;
	typeId: string;
	customerBy: keyof typeof TICKET_CUSTOMER_KEYS;
	customer: string;
	source: number;
	companyId?: string;
	files?: string;
	customFields?: CustomField[];
}

export interface TicketFilters {
	createdAfter: string;
	createdBefore: string;
	status?: string;
	typeId?: string;
	customerId?: string;
	agentId?: string;
}

const customFieldParams = (fields: CustomField[]) => fields.map(({ fieldId, value }) => ({ fieldid: fieldId, field_value: value }));

/** The open API's body for save_user / update_user; absent fields are left out. */
export function customerBody(fields: CustomerFields): Record<string, unknown> {
	return definedFields({
		user_nick: fields.nick,
		user_name: fields.name,
		user_tels: fields.phones,
		user_emails: fields.emails,
		user_level: fields.vip === undefined ? undefined : fields.vip ? 1 : 0,
		vip_level: fields.vipLevel,
		user_label: fields.tags,
		user_status: fields.blacklisted === undefined ? undefined : fields.blacklisted ? 1 : 0,
		enterprise_name: fields.enterpriseName,
		partnerid: fields.partnerId,
		remark: fields.remark,
		extend_field_params: fields.customFields?.length ? customFieldParams(fields.customFields) : undefined,
	});
}

/** Sobot's open API v5 (customers and tickets). Knows nothing of n8n. */
export class SobotClient {
	private readonly baseUrl: string;

	private fieldNames?: Promise<Map<string, string>>;

	constructor(
		private readonly http: HttpClient,
		settings: SobotSettings,
	) {
		this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
	}

	private read(raw: unknown, parsed = envelope.safeParse(raw)): Envelope {
		if (!parsed.success) throw new ServiceError('Sobot answered in an unexpected shape (no ret_code)', { body: raw });
		if (parsed.data.ret_code !== SUCCESS) throw sobotError(parsed.data);
		return parsed.data;
	}

	/**
	 * Calls an open API endpoint; the credential puts the token on it (SobotApi's preAuthentication
	 * and authenticate). On 900002 (token expired) the call is repeated as it is, since another n8n
	 * process may have stored a new token meanwhile, then once more with a new token.
	 */
	private async call(method: HttpMethod, path: string, options: { qs?: Query; body?: unknown } = {}): Promise<Envelope> {
		for (let attempt = 0; ; attempt++) {
			const response = await this.http.request({
				method,
				url: `${this.baseUrl}${path}`,
				qs: options.qs,
				body: options.body,
				// Sobot's lookups are POST-free; its POSTs create or change data.
				idempotent: method === 'GET',
				rereadCredential: attempt === 1,
				renewCredential: attempt === 2,
			});
			// Parsed once: it was parsed twice, for the code and again for the answer (bench/RESULTS.md).
			const parsed = envelope.safeParse(response.body);
			// An expired token means nothing was done, so even a request with side effects may be repeated.
			if (parsed.data?.ret_code === TOKEN_EXPIRED && attempt < 2) continue;
			return this.read(response.body, parsed);
		}
	}

	/** Fetches pages of `page_size` until `limit` items or the last page. */
	private async collectPages(path: string, qs: Query, limit: number | undefined, pageSize: number): Promise<unknown[]> {
		const items: unknown[] = [];
		for (let page = 1; ; page++) {
			const body = await this.call('GET', path, { qs: { ...qs, page_no: page, page_size: pageSize } });
			const pageItems = body.items ?? [];
			items.push(...pageItems);
			const lastPage = body.page_count ?? (pageItems.length < pageSize ? page : page + 1);
			if ((limit !== undefined && items.length >= limit) || page >= lastPage || pageItems.length === 0) break;
		}
		return limit === undefined ? items : items.slice(0, limit);
	}

	/** The customer a single value identifies, or undefined when there is none. */
	async findCustomer(by: CustomerLookup, value: string): Promise<Customer | undefined> {
		const lookup = CUSTOMER_LOOKUPS[by];
		const { item } = await this.call('GET', lookup.path, { qs: { [lookup.param]: value } });
		return isNoCustomer(item) ? undefined : parseAnswer(customer, item);
	}

	async searchCustomers(filters: CustomerFilters, limit: number | undefined): Promise<unknown[]> {
		return await this.collectPages(
			'/api/crm/5/user/query_users',
			{
				user_nick: filters.nick,
				user_tels: filters.phone,
				user_emails: filters.email,
				user_status: filters.status,
				enterpriseid: filters.enterpriseId,
				start_datetime: filters.createdAfter,
				end_datetime: filters.createdBefore,
			},
			limit,
			CUSTOMER_PAGE_SIZE,
		);
	}

	/** Creates a customer, or returns the one with the same partner ID, email or phone (Sobot's upsert). */
	async saveCustomer(fields: CustomerFields): Promise<unknown> {
		return (await this.call('POST', '/api/crm/5/user/save_user', { body: customerBody(fields) })).item;
	}

	async updateCustomer(customerId: string, fields: CustomerFields): Promise<void> {
		await this.call('POST', '/api/crm/5/user/update_user', { body: { userid: customerId, ...customerBody(fields) } });
	}

	/** Custom field names by field ID, fetched once per client (one execution). */
	customFieldNames(): Promise<Map<string, string>> {
		this.fieldNames ??= this.customFieldDefinitions().then(
			(definitions) =>
				new Map(
					definitions.flatMap((raw) => {
						const definition = customFieldDefinition.safeParse(raw);
						return definition.success && definition.data.field_name ? [[definition.data.fieldid, definition.data.field_name]] : [];
					}),
				),
		);
		return this.fieldNames;
	}

	/** The custom customer fields: `item.extend_fields[]`, as the reference client (sheet X1) reads them. */
	async customFieldDefinitions(): Promise<unknown[]> {
		const body = await this.call('GET', '/api/crm/5/user/query_user_extend_fields');
		return parseAnswer(customFieldDefinitions, body.item ?? {}).extend_fields ?? [];
	}

	async createTicket(ticket: NewTicket): Promise<unknown> {
		const body = {
			companyid: ticket.companyId,
			ticket_title: ticket.title,
			ticket_content: ticket.content,
			ticket_typeid: ticket.typeId,
			ticket_from: ticket.source,
			[TICKET_CUSTOMER_KEYS[ticket.customerBy]]: ticket.customer,
			file_str: ticket.files,
			extend_fields: ticket.customFields?.length ? customFieldParams(ticket.customFields) : undefined,
		};
		return (await this.call('POST', '/api/ws/5/ticket/save_user_ticket', { body: definedFields(body) })).item;
	}

	async getTicket(ticketId: string): Promise<unknown> {
		return (await this.call('GET', '/api/ws/5/ticket/get_ticket_by_id', { qs: { ticketid: ticketId } })).item;
	}

	async searchTickets(filters: TicketFilters, limit: number | undefined): Promise<unknown[]> {
		return await this.collectPages(
			'/api/ws/5/ticket/query_tickets',
			{
				create_start_datetime: filters.createdAfter,
				create_end_datetime: filters.createdBefore,
				ticket_status: filters.status,
				ticket_typeid: filters.typeId,
				userid: filters.customerId,
				deal_agentid: filters.agentId,
			},
			limit,
			TICKET_PAGE_SIZE,
		);
	}

	async addReply(ticketId: string, content: string, files?: string): Promise<void> {
		// The sheets name save_user_reply but not its fields; these follow save_user_ticket's naming.
		await this.call('POST', '/api/ws/5/ticket/save_user_reply', { body: definedFields({ ticketid: ticketId, reply_content: content, file_str: files }) });
	}
}
