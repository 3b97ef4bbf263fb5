import { createHash } from 'node:crypto';

import type { RecordedRequest, Reply } from './http';

export const SOBOT_APP_ID = 'app-test-1';
export const SOBOT_APP_KEY = 'sobot-app-key-test-7f3c9a';

/**
 * The customers the lookups find. The open API's fields are those sources.md#sobot-customer-lookups lists (from the
 * reference client). Asha also carries the facts sources.md#sobot-ivr-customer-query names in the IVR query's
 * answer, under the IVR query's own names: a guess, since no source says how the open API names them.
 */
export const CUSTOMERS = [
	{
		userid: 'u-1001',
		user_nick: 'Asha',
		user_name: 'Asha Rao',
		user_tels: '13800000001',
		user_emails: 'asha@example.com',
		user_level: 1,
		vip_level: 'gold',
		user_status: 0,
		partnerid: 'crm-1',
		enterprise_name: 'Acme',
		user_label: 'priority;callback',
		remark: '',
		companyid: 'c-1',
		create_datetime: '2026-01-05 10:00:00',
		extend_field_values: [
			{ fieldid: 'f-plan', field_value: '2', field_text: 'Enterprise', field_type: 6 },
			{ fieldid: 'f-agent', field_value: 'Ravi', field_type: 1 },
		],
		sexName: 'Female',
		countryName: 'India',
		provice_name: 'Karnataka',
		city_name: 'Bengaluru',
		vipLeveName: 'Gold',
		sourceName: 'WhatsApp',
		liableServiceName: 'Ravi Kumar',
		userLableName: '"Service": "Priority", "Callback"',
		whatsappid: '+8613800000001',
		visitorids: 'v-77',
	},
	{
		userid: 'u-1002',
		user_nick: 'Ben',
		user_tels: '13800000002',
		user_level: 0,
		user_status: 1,
		companyid: 'c-1',
		extend_field_values: [],
	},
];

/** Custom field definitions with the keys the reference client lists (`QueryUserExtendFields/Response/Item/ExtendFields`, sources.md#sobot-helper-lookups). */
const FIELD_DEFINITIONS = [
	{ companyid: 'c-1', fieldid: 'f-plan', field_name: 'Plan', field_variable: 'plan', field_type: 6, field_type_cn: 'drop-down list', field_status: 1, fill_flag: 0, open_flag: 1, operate_type: 1, sort_no: '1', remark: '' },
	{ companyid: 'c-1', fieldid: 'f-agent', field_name: 'Preferred agent', field_variable: 'preferred_agent', field_type: 1, field_type_cn: 'single-line text', field_status: 1, fill_flag: 0, open_flag: 1, operate_type: 1, sort_no: '2', remark: '' },
];

/** How a lookup that finds nobody answers; see isNoCustomer in nodes/Sobot/client.ts for the evidence. */
export type NoCustomerForm = 'null' | 'absent' | 'emptyObject' | 'emptyList';

export interface SobotStubState {
	tokensIssued: string[];
	/** Tokens Sobot no longer accepts (as when a newer one was issued elsewhere). */
	expired: Set<string>;
	/** Answer every business call with this ret_code instead. */
	failWith?: string;
	/** Customers served by query_users, for pagination tests. */
	manyCustomers?: number;
	/** How a lookup that finds nobody answers (default: item null). */
	noCustomerAs?: NoCustomerForm;
	/** How get_token names the token's lifetime (default `expire_in`), or `none` to leave it out. */
	tokenLifetimeAs?: 'expire_in' | 'expires_in' | 'none';
	/** The tickets, by ID, with their replies. */
	tickets: Map<string, SobotTicket>;
	/** The bodies of the agent replies, as sent. */
	agentReplies: Array<Record<string, unknown>>;
	/** File names of the attachments uploaded. */
	uploads: string[];
}

export interface SobotTicket {
	ticketid: string;
	ticket_title: string;
	ticket_content: string;
	ticket_status: number;
	ticket_level: number;
	ticket_typeid?: string;
	userid?: string;
	create_datetime: string;
	deal_agentid?: string;
	deal_groupid?: string;
	deal_list: Array<Record<string, unknown>>;
}

const sobotTime = (at = new Date()) => at.toISOString().slice(0, 19).replace('T', ' ');

function exampleTicket(): SobotTicket {
	return { ticketid: 't-501', ticket_title: 'Refund', ticket_content: 'Order 1042 arrived damaged', ticket_status: 1, ticket_level: 1, ticket_typeid: 'type-1', userid: 'u-1001', create_datetime: '2026-11-20 09:00:00', deal_list: [] };
}

export function newSobotState(): SobotStubState {
	return { tokensIssued: [], expired: new Set(), tickets: new Map([['t-501', exampleTicket()]]), agentReplies: [], uploads: [] };
}

// The envelope: HTTP 200 always, ret_code "000000" on success and another code on failure (sources.md#sobot-envelope).
const ok = (extra: Record<string, unknown>): Reply => ({ body: { ret_code: '000000', ret_msg: 'success', ...extra } });
const code = (ret_code: string, ret_msg: string): Reply => ({ body: { ret_code, ret_msg } });

const NO_CUSTOMER: Record<NoCustomerForm, Record<string, unknown>> = { null: { item: null }, absent: {}, emptyObject: { item: {} }, emptyList: { item: [] } };

/** Answers like Sobot's open API v5, as far as docs/sources.md describes it. */
export function sobotStub(state: SobotStubState, appKeys: Record<string, string> = { [SOBOT_APP_ID]: SOBOT_APP_KEY }) {
	return (request: RecordedRequest): Reply => {
		const url = new URL(request.path, 'http://stub');
		const q = Object.fromEntries(url.searchParams);
		// Token: sources.md#sobot-token-sign (sign = md5(appid + create_time + app_key)); 900003/900004 from sources.md#sobot-return-codes. The
		// 300 s window for create_time is a guess: Sobot documents none.
		if (url.pathname === '/api/get_token') {
			const key = appKeys[q.appid];
			if (!key) return code('900004', 'no API configuration found for the company');
			const expected = createHash('md5').update(`${q.appid}${q.create_time}${key}`).digest('hex');
			if (q.sign !== expected) return code('900003', 'signature error');
			if (Math.abs(Number(q.create_time) - Date.now() / 1000) > 300) return code('900003', 'create_time too old');
			// A new token invalidates the ones before it: Sobot asks integrators to fetch it centrally
			// and share it, since each get_token may invalidate the previous token (sources.md#sobot-token-sign).
			for (const earlier of state.tokensIssued) state.expired.add(earlier);
			const token = `tok-${state.tokensIssued.length + 1}-${Math.random().toString(36).slice(2)}`;
			state.tokensIssued.push(token);
			// The lifetime is spelled `expire_in` on three of Sobot's pages and `expires_in` on one
			// (sources.md#sobot-token-lifetime): `expire_in` unless a test asks for the other or none.
			const lifetimeAs = state.tokenLifetimeAs ?? 'expire_in';
			return ok({ item: { token, ...(lifetimeAs === 'none' ? {} : { [lifetimeAs]: '86400' }) } });
		}
		// The `token` header on every call, 900001/900002 when it is missing or no longer valid (sources.md#sobot-token-header, sources.md#sobot-return-codes).
		const token = request.headers.token as string | undefined;
		if (!token) return code('900001', 'token is empty');
		if (!state.tokensIssued.includes(token) || state.expired.has(token)) return code('900002', 'token expired');
		if (state.failWith) return code(state.failWith, `failure ${state.failWith}`);

		// An agent's attachment, multipart part `file` with `file_num_key`, answering item.file_url
		// (sources.md#sobot-attachment; the multipart encoding is a guess). Read before the JSON body.
		if (url.pathname === '/api/ws/5/ticket/upload_file' && request.method === 'POST') {
			const text = request.raw.toString('latin1');
			const file = /name="file"; filename="([^"]*)"/.exec(text)?.[1];
			if (!file || !/name="file_num_key"\r\n\r\n[0-9a-f]+\r\n/.test(text)) return code('400004', 'file and file_num_key must not be empty');
			state.uploads.push(file);
			return ok({ item: { file_url: `https://img.sobot.com/ticket/${state.uploads.length}/${encodeURIComponent(file)}` } });
		}
		const body = request.body ? (request.json() as Record<string, unknown>) : {};
		const byField = (field: string, value: string) =>
			CUSTOMERS.find((c) => String((c as Record<string, unknown>)[field] ?? '').split(';').includes(value));
		const lookup = (found: unknown) => ok(found ? { item: found } : NO_CUSTOMER[state.noCustomerAs ?? 'null']);
		const newTicket = (fields: Record<string, unknown>, status: number) => {
			const ticket: SobotTicket = {
				ticketid: `t-${501 + state.tickets.size}`,
				ticket_title: String(fields.ticket_title ?? ''),
				ticket_content: String(fields.ticket_content ?? ''),
				ticket_status: status,
				ticket_level: Number(fields.ticket_level ?? 1),
				ticket_typeid: fields.ticket_typeid as string | undefined,
				userid: fields.userid as string | undefined,
				create_datetime: sobotTime(),
				deal_list: [],
			};
			state.tickets.set(ticket.ticketid, ticket);
			return ticket;
		};
		switch (url.pathname) {
			// Lookups by one value each: sources.md#sobot-customer-lookups. "Not found" as item null: sources.md#sobot-ivr-customer-query; the other forms: see NoCustomerForm.
			case '/api/crm/5/user/get_user_by_id':
				return lookup(byField('userid', q.userid));
			case '/api/crm/5/user/get_user_by_tel':
				return lookup(byField('user_tels', q.user_tels));
			case '/api/crm/5/user/get_user_by_email':
				return lookup(byField('user_emails', q.user_emails));
			case '/api/crm/5/user/get_user_by_partnerid':
				return lookup(byField('partnerid', q.partnerid));
			// Custom field definitions in item.extend_fields[]: sources.md#sobot-helper-lookups (the reference client's `QueryUserExtendFields/Response/Item`).
			case '/api/crm/5/user/query_user_extend_fields':
				return ok({ item: { companyid: 'c-1', operate_type: '1', extend_fields: FIELD_DEFINITIONS } });
			// Paged list without custom fields, page_size default 15 and no maximum stated: sources.md#sobot-page-sizes.
			case '/api/crm/5/user/query_users': {
				const all = Array.from({ length: state.manyCustomers ?? CUSTOMERS.length }, (_, i) => ({
					...(CUSTOMERS[i] ?? { userid: `u-${2000 + i}`, user_nick: `Customer ${i}` }),
					extend_field_values: undefined,
				}));
				const pageNo = Number(q.page_no ?? 1);
				const pageSize = Number(q.page_size ?? 15);
				return ok({
					items: all.slice((pageNo - 1) * pageSize, pageNo * pageSize),
					page_no: pageNo,
					page_size: pageSize,
					page_count: Math.ceil(all.length / pageSize),
					total_count: all.length,
				});
			}
			// Upsert answering userid, user_nick, companyid: sources.md#sobot-save-user.
			case '/api/crm/5/user/save_user':
				return ok({ item: { userid: 'u-new', user_nick: body.user_nick, companyid: 'c-1' } });
			// Update: sources.md#sobot-save-user; what its item holds is not documented, so it answers none (a guess).
			case '/api/crm/5/user/update_user':
				return ok({});
			// Tickets: sources.md#sobot-tickets (create answers item.ticketid; get and list field names from the reference client).
			case '/api/ws/5/ticket/save_user_ticket':
				return ok({ item: { ticketid: newTicket(body, 0).ticketid } });
			// An agent's ticket for a customer ID, answering item.ticketid: sources.md#sobot-agent-ticket;
			// without the acting agent, a status, a source or a priority: 400006, 400009–400011 (sources.md#sobot-ticket-codes).
			case '/api/ws/5/ticket/save_agent_ticket': {
				if (!body.userid || !body.ticket_title || !body.ticket_content) return code('400004', 'request params must not be empty');
				if (!body.create_agentid) return code('400006', 'operating agent ID must not be empty');
				if (body.ticket_status === undefined) return code('400009', 'ticket status must not be empty');
				if (body.ticket_from === undefined) return code('400010', 'ticket source must not be empty');
				if (body.ticket_level === undefined) return code('400011', 'ticket level must not be empty');
				return ok({ item: { ticketid: newTicket(body, Number(body.ticket_status ?? 0)).ticketid } });
			}
			// The ticket data dictionary: sources.md#sobot-data-dictionary (the entries are the sandbox's own).
			case '/api/ws/5/ticket/get_data_dict':
				return ok({
					item: {
						ticket_type_list: [
							{ typeid: 'type-0', type_name: 'After-sales', parentid: '-1', type_level: '1', node_flag: '1', sub_type_list: [{ typeid: 'type-1', type_name: 'Refund', parentid: 'type-0', type_level: '2', node_flag: '0', sub_type_list: [] }] },
							{ typeid: 'type-7', type_name: 'Callback', parentid: '-1', type_level: '1', node_flag: '0', sub_type_list: [] },
						],
						ticket_status_list: [0, 1, 2, 3, 99, 98].map((value, i) => ({ dict_value: String(value), dict_name: ['New', 'In progress', 'Awaiting reply', 'Solved', 'Closed', 'Deleted'][i] })),
						ticket_level_list: ['Low', 'Medium', 'High', 'Urgent'].map((name, value) => ({ dict_value: String(value), dict_name: name })),
						group_list: [{ groupid: 'g-2', group_name: 'After-sales team' }],
						agent_list: [{ agentid: 'agent-9', agent_name: 'Ravi Kumar' }],
					},
				});
			// The ticket with its replies in deal_list (field names from the reference client, sources.md#sobot-tickets); an unknown ID answers item null, a guess.
			case '/api/ws/5/ticket/get_ticket_by_id': {
				const ticket = state.tickets.get(q.ticketid);
				return ok({ item: ticket ?? null });
			}
			// At most 50 a page (sources.md#sobot-page-sizes); a larger page_size gets 50 (a guess at how it caps).
			case '/api/ws/5/ticket/query_tickets': {
				const pageSize = Math.min(50, Number(q.page_size ?? 15));
				const all = [...state.tickets.values()].filter((t) => q.ticket_status === undefined || String(t.ticket_status) === q.ticket_status);
				const pageNo = Number(q.page_no ?? 1);
				const items = all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(({ deal_list: _replies, ...t }) => t);
				return ok({ items, page_no: pageNo, page_size: pageSize, page_count: Math.max(1, Math.ceil(all.length / pageSize)), total_count: all.length });
			}
			// The customer's reply (ticketid, reply_content, file_str: sources.md#sobot-customer-reply); success with no item is a guess.
			case '/api/ws/5/ticket/save_user_reply': {
				const ticket = state.tickets.get(String(body.ticketid));
				if (!ticket) return code('400004', 'no such ticket');
				ticket.deal_list.push({ reply_content: body.reply_content, reply_type: 0, start_type: 1, reply_datetime: sobotTime() });
				return ok({});
			}
			// An agent's reply: reply_type 0 seen by everyone, 1 by agents only, and the ticket's status and
			// priority set with it (sources.md#sobot-agent-reply). Success with no item, as the reference client reads it.
			case '/api/ws/5/ticket/save_ticket_reply': {
				const ticket = state.tickets.get(String(body.ticketid));
				if (!ticket) return code('400004', 'no such ticket');
				if (!body.reply_content || ![0, 1].includes(Number(body.reply_type))) return code('400004', 'reply_content and reply_type are required');
				if (!body.reply_agentid) return code('400006', 'operating agent ID must not be empty');
				if (body.ticket_status === undefined) return code('400009', 'ticket status must not be empty');
				if (body.ticket_level === undefined) return code('400011', 'ticket level must not be empty');
				state.agentReplies.push(body);
				ticket.deal_list.push({ reply_content: body.reply_content, reply_type: Number(body.reply_type), start_type: 0, reply_datetime: sobotTime() });
				if (body.ticket_status !== undefined) ticket.ticket_status = Number(body.ticket_status);
				if (body.ticket_level !== undefined) ticket.ticket_level = Number(body.ticket_level);
				if (body.deal_agentid !== undefined) ticket.deal_agentid = String(body.deal_agentid);
				if (body.deal_groupid !== undefined) ticket.deal_groupid = String(body.deal_groupid);
				return ok({});
			}
			// Anything else: the web server's own 404 page (a guess at what an unknown path gives).
			default:
				return { status: 404, body: '<html>Not Found</html>' };
		}
	};
}
