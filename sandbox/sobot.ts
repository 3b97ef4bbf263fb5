import { createHash } from 'node:crypto';

import type { RecordedRequest, Reply } from './http';

export const SOBOT_APP_ID = 'app-test-1';
export const SOBOT_APP_KEY = 'sobot-app-key-test-7f3c9a';

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

const FIELD_DEFINITIONS = [
	{ fieldid: 'f-plan', field_name: 'Plan', field_type: 6 },
	{ fieldid: 'f-agent', field_name: 'Preferred agent', field_type: 1 },
];

export interface SobotStubState {
	tokensIssued: string[];
	/** Tokens Sobot no longer accepts (as when a newer one was issued elsewhere). */
	expired: Set<string>;
	/** Answer every business call with this ret_code instead. */
	failWith?: string;
	/** Customers served by query_users, for pagination tests. */
	manyCustomers?: number;
}

export function newSobotState(): SobotStubState {
	return { tokensIssued: [], expired: new Set() };
}

const ok = (extra: Record<string, unknown>): Reply => ({ body: { ret_code: '000000', ret_msg: 'success', ...extra } });
const code = (ret_code: string, ret_msg: string): Reply => ({ body: { ret_code, ret_msg } });

/** Answers like Sobot's open API v5, as far as the sheets describe it. */
export function sobotStub(state: SobotStubState, appKeys: Record<string, string> = { [SOBOT_APP_ID]: SOBOT_APP_KEY }) {
	return (request: RecordedRequest): Reply => {
		const url = new URL(request.path, 'http://stub');
		const q = Object.fromEntries(url.searchParams);
		if (url.pathname === '/api/get_token') {
			const key = appKeys[q.appid];
			if (!key) return code('900004', 'no API configuration found for the company');
			const expected = createHash('md5').update(`${q.appid}${q.create_time}${key}`).digest('hex');
			if (q.sign !== expected) return code('900003', 'signature error');
			if (Math.abs(Number(q.create_time) - Date.now() / 1000) > 300) return code('900003', 'create_time too old');
			const token = `tok-${state.tokensIssued.length + 1}-${Math.random().toString(36).slice(2)}`;
			state.tokensIssued.push(token);
			return ok({ item: { token, expires_in: '86400' } });
		}
		const token = request.headers.token as string | undefined;
		if (!token) return code('900001', 'token is empty');
		if (!state.tokensIssued.includes(token) || state.expired.has(token)) return code('900002', 'token expired');
		if (state.failWith) return code(state.failWith, `failure ${state.failWith}`);

		const body = request.body ? (request.json() as Record<string, unknown>) : {};
		const byField = (field: string, value: string) =>
			CUSTOMERS.find((c) => String((c as Record<string, unknown>)[field] ?? '').split(';').includes(value));
		switch (url.pathname) {
			case '/api/crm/5/user/get_user_by_id':
				return ok({ item: byField('userid', q.userid) ?? null });
			case '/api/crm/5/user/get_user_by_tel':
				return ok({ item: byField('user_tels', q.user_tels) ?? null });
			case '/api/crm/5/user/get_user_by_email':
				return ok({ item: byField('user_emails', q.user_emails) ?? null });
			case '/api/crm/5/user/get_user_by_partnerid':
				return ok({ item: byField('partnerid', q.partnerid) ?? null });
			case '/api/crm/5/user/query_user_extend_fields':
				return ok({ items: FIELD_DEFINITIONS });
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
			case '/api/crm/5/user/save_user':
				return ok({ item: { userid: 'u-new', user_nick: body.user_nick, companyid: 'c-1' } });
			case '/api/crm/5/user/update_user':
				return ok({});
			case '/api/ws/5/ticket/save_user_ticket':
				return ok({ item: { ticketid: 't-501' } });
			case '/api/ws/5/ticket/get_ticket_by_id':
				return ok({ item: { ticketid: q.ticketid, ticket_title: 'Refund', ticket_status: 1, userid: 'u-1001' } });
			case '/api/ws/5/ticket/query_tickets':
				return ok({ items: [{ ticketid: 't-501', ticket_title: 'Refund', ticket_status: 0 }], page_no: 1, page_size: 50, page_count: 1, total_count: 1 });
			case '/api/ws/5/ticket/save_user_reply':
				return ok({});
			default:
				return { status: 404, body: '<html>Not Found</html>' };
		}
	};
}
