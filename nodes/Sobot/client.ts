import { createHash } from 'crypto';

import { parseAnswer } from '../shared/answers';
import { definedFields } from '../shared/body';
import { ServiceError } from '../shared/errors';
import type { HttpClient, HttpMethod } from '../shared/http';
import { customFieldDefinition, customFieldDefinitions, customer, dataDictionary, envelope, ticket as ticketAnswer } from './schemas';
import type { Customer, DataDictionary, Envelope, Ticket } from './schemas';

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
	// Ticket codes, as the reference client names them (sources.md#sobot-ticket-codes).
	'400006': { message: 'Sobot requires the ID of the agent doing this', description: 'Set the Agent ID (Created By Agent ID) of the operation.' },
	'400007': { message: 'Sobot does not know that agent ID', description: 'Use an agent ID from Sobot’s data dictionary.' },
	'400008': { message: 'Sobot requires a ticket type ID' },
	'400009': { message: 'Sobot requires the ticket’s status' },
	'400010': { message: 'Sobot requires the ticket’s source' },
	'400011': { message: 'Sobot requires the ticket’s priority' },
	'400012': { message: 'Sobot requires a skill group ID' },
	'400013': { message: 'The agent is not in the skill group the ticket is assigned to', description: 'Assign the ticket to a group the agent belongs to, or to another agent.' },
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

/** Whether Sobot refused the token a request carried (900002, inside HTTP 200: sources.md#sobot-token-invalid): nothing was done. */
export function isTokenRefused(response: { body: unknown }): boolean {
	// Read without the envelope's schema: it is asked of every answer, and the client parses the envelope once after.
	const body = response.body as { ret_code?: unknown } | null;
	return typeof body === 'object' && body !== null && body.ret_code === TOKEN_EXPIRED;
}

/** Sobot's sign: lowercase hex md5 of appid + create_time + app_key. */
export function sign(appId: string, createTime: number, appKey: string): string {
	return createHash('md5').update(`${appId}${createTime}${appKey}`).digest('hex');
}


export type Query = Record<string, string | number | boolean | undefined>;

/**
 * How "no such customer" looks. The evidence: Sobot's IVR customer query returns null when it has
 * nothing to go on (sources.md#sobot-ivr-customer-query); the reference client (sources.md#sobot-customer-lookups) types `item` as an object, has no not-found return code
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

/**
 * query_users' page size: 15, the default the reference client states; it states no maximum, so
 * nothing larger is asked for (sources.md#sobot-page-sizes).
 */
export const CUSTOMER_PAGE_SIZE = 15;
/** query_tickets serves at most 50 a page (sources.md#sobot-page-sizes). */
export const TICKET_PAGE_SIZE = 50;

/** A ticket's status, as Sobot numbers them. */
export const TICKET_STATUSES = { new: 0, inProgress: 1, awaitingReply: 2, solved: 3, closed: 99, deleted: 98 } as const;
export type TicketStatus = keyof typeof TICKET_STATUSES;

/** A ticket's priority, as Sobot numbers them. */
export const TICKET_PRIORITIES = { low: 0, medium: 1, high: 2, urgent: 3 } as const;
export type TicketPriority = keyof typeof TICKET_PRIORITIES;

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

/** Where a ticket goes and who handles it: a skill group and an agent, by ID and name. */
export interface TicketAssignment {
	groupId?: string;
	groupName?: string;
	agentId?: string;
	agentName?: string;
}

/** A ticket an agent opens (save_agent_ticket): the customer by Sobot's customer ID only. */
export interface NewAgentTicket extends TicketAssignment {
	title: string;
	content: string;
	typeId: string;
	customerId: string;
	createdByAgentId: string;
	createdByAgentName?: string;
	source: number;
	status: TicketStatus;
	priority: TicketPriority;
	recordId?: string;
	companyId?: string;
	files?: string;
	customFields?: CustomField[];
}

/** An agent's reply (save_ticket_reply): for everyone or for agents only, and the ticket's status after it. */
export interface AgentReply extends TicketAssignment {
	content: string;
	visibleTo: 'everyone' | 'agents';
	replyingAgentId: string;
	replyingAgentName?: string;
	/** The ticket's status after the reply; the current one when absent. */
	status?: TicketStatus;
	priority?: TicketPriority;
	files?: string;
	customFields?: CustomField[];
	/** When the ticket was read, as Sobot writes times ("YYYY-MM-DD HH:mm:ss"). */
	readAt: string;
}

export interface TicketFilters {
	createdAfter: string;
	createdBefore: string;
	status?: string;
	typeId?: string;
	customerId?: string;
	agentId?: string;
}

const assignmentBody = (to: TicketAssignment) => ({
	deal_groupid: to.groupId,
	deal_group_name: to.groupName,
	deal_agentid: to.agentId,
	deal_agent_name: to.agentName,
});

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
	 * and authenticate). On 900002 the transport sends it once more with the credential read again,
	 * then once with a new token (isTokenRefused in service.ts).
	 */
	private async call(method: HttpMethod, path: string, options: { qs?: Query; body?: unknown } = {}): Promise<Envelope> {
		const response = await this.http.request({
			method,
			url: `${this.baseUrl}${path}`,
			qs: options.qs,
			body: options.body,
			// Sobot's lookups are POST-free; its POSTs create or change data.
			idempotent: method === 'GET',
		});
		return this.read(response.body);
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

	/** The custom customer fields: `item.extend_fields[]`, as the reference client reads them (sources.md#sobot-helper-lookups). */
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

	/** The customer's reply (save_user_reply: ticketid, reply_content, file_str, as the reference client sends them: sources.md#sobot-customer-reply). */
	async addReply(ticketId: string, content: string, files?: string): Promise<void> {
		await this.call('POST', '/api/ws/5/ticket/save_user_reply', { body: definedFields({ ticketid: ticketId, reply_content: content, file_str: files }) });
	}

	/**
	 * Opens a ticket as an agent (save_agent_ticket), with the fields the reference client sends
	 * (sources.md#sobot-agent-ticket); answers `item.ticketid`.
	 */
	async createAgentTicket(ticket: NewAgentTicket): Promise<unknown> {
		const body = {
			companyid: ticket.companyId,
			ticket_title: ticket.title,
			ticket_content: ticket.content,
			ticket_typeid: ticket.typeId,
			userid: ticket.customerId,
			ticket_from: ticket.source,
			create_agentid: ticket.createdByAgentId,
			create_agent_name: ticket.createdByAgentName,
			ticket_status: TICKET_STATUSES[ticket.status],
			ticket_level: TICKET_PRIORITIES[ticket.priority],
			recordid: ticket.recordId,
			file_str: ticket.files,
			extend_fields: ticket.customFields?.length ? customFieldParams(ticket.customFields) : undefined,
			...assignmentBody(ticket),
		};
		return (await this.call('POST', '/api/ws/5/ticket/save_agent_ticket', { body: definedFields(body) })).item;
	}

	/**
	 * An agent's reply (save_ticket_reply, sources.md#sobot-agent-reply): reply_type 0 is seen by
	 * everyone, 1 by agents only; the ticket's status is set with it, which is how a ticket is solved
	 * or closed. The reference client sends the ticket's title, description, status and priority with
	 * every reply and when they were read (get_ticket_datetime), so `current` is the ticket as read
	 * just before, and what the reply does not change is sent as it was.
	 */
	async replyAsAgent(ticketId: string, reply: AgentReply, current: Ticket): Promise<{ status?: number; priority?: number }> {
		const status = reply.status === undefined ? current.ticket_status : TICKET_STATUSES[reply.status];
		const priority = reply.priority === undefined ? current.ticket_level : TICKET_PRIORITIES[reply.priority];
		const body = {
			ticketid: ticketId,
			ticket_title: current.ticket_title,
			ticket_content: current.ticket_content,
			get_ticket_datetime: reply.readAt,
			reply_content: reply.content,
			reply_type: reply.visibleTo === 'agents' ? 1 : 0,
			reply_agentid: reply.replyingAgentId,
			reply_agent_name: reply.replyingAgentName,
			ticket_status: status,
			ticket_level: priority,
			reply_file_str: reply.files,
			extend_fields: reply.customFields?.length ? customFieldParams(reply.customFields) : undefined,
			...assignmentBody(reply),
		};
		await this.call('POST', '/api/ws/5/ticket/save_ticket_reply', { body: definedFields(body) });
		return { status, priority };
	}

	/**
	 * Uploads an attachment for an agent's ticket or reply (upload_file, sources.md#sobot-attachment):
	 * the multipart part `file` and a `file_num_key`; answers `item.file_url`, the path that Attachment
	 * Paths then take. The reference client names the fields, not the encoding: multipart is a guess.
	 */
	async uploadAttachment(upload: { body: unknown; headers: Record<string, string> }): Promise<string> {
		const response = await this.http.request({ method: 'POST', url: `${this.baseUrl}/api/ws/5/ticket/upload_file`, body: upload.body, headers: upload.headers });
		const { item } = this.read(response.body);
		const url = (item as { file_url?: unknown } | null)?.file_url;
		if (typeof url !== 'string' || !url) throw new ServiceError('Sobot answered the upload without a file path (item.file_url)', { body: response.body });
		return url;
	}

	/**
	 * The ticket data dictionary (get_data_dict, sources.md#sobot-data-dictionary): ticket types (a tree
	 * of up to five levels), statuses, priorities, skill groups and agents, as the company set them up.
	 */
	async dataDictionary(): Promise<DataDictionary> {
		return parseAnswer(dataDictionary, (await this.call('GET', '/api/ws/5/ticket/get_data_dict')).item ?? {});
	}

	/** The ticket, parsed: what an agent reply sends back unchanged. */
	async readTicket(ticketId: string): Promise<Ticket> {
		return parseAnswer(ticketAnswer, await this.getTicket(ticketId));
	}
}
