import { z } from 'zod/v4';

import { answerText as text, optionalAnswerText as optionalText } from '../shared/answerFields';

const optionalNumber = z.union([z.number(), z.string(), z.null()]).transform((v) => (v === null || v === '' ? undefined : Number(v))).optional();

/** Every open API v5 answer: HTTP 200 with `ret_code` "000000" on success, another code on failure. */
export const envelope = z.looseObject({
	ret_code: text,
	ret_msg: optionalText,
	item: z.unknown().optional(),
	items: z.array(z.unknown()).nullish(),
	page_no: optionalNumber,
	page_size: optionalNumber,
	page_count: optionalNumber,
	total_count: optionalNumber,
});
export type Envelope = z.output<typeof envelope>;

/** Sobot's token lifetime, where its answer states none: 24 hours (sources.md#sobot-token-lifetime). */
export const SOBOT_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** Seconds as Sobot writes them (a number or a numeric string); anything else reads as not stated. */
const lifetime = z.coerce.number().positive().finite().optional().catch(undefined);

/**
 * get_token's `item`. Sobot's pages spell the lifetime both `expires_in` and `expire_in`
 * (sources.md#sobot-token-lifetime): either is read, and 24 hours assumed when neither is there.
 */
export const issuedToken = z
	.looseObject({ token: z.string().min(1), expires_in: lifetime, expire_in: lifetime })
	.transform(({ token, expires_in, expire_in }) => ({ token, expiresInSeconds: expires_in ?? expire_in ?? SOBOT_TOKEN_LIFETIME_SECONDS }));

export const extendFieldValue = z.looseObject({
	fieldid: text,
	field_value: optionalText,
	field_text: optionalText,
	field_type: optionalNumber,
	field_type_cn: optionalText,
});

/** A customer as the open API returns it (get_user_by_*, query_users). */
export const customer = z.looseObject({
	userid: text.describe('Customer ID'),
	user_nick: optionalText.describe('Nickname'),
	user_name: optionalText.describe('Real name'),
	user_tels: optionalText.describe('Phone numbers, separated by ;'),
	user_emails: optionalText.describe('Email addresses, separated by ;'),
	user_level: optionalNumber.describe('1 for a VIP, 0 otherwise'),
	vip_level: optionalText.describe('VIP level option'),
	user_status: optionalNumber.describe('1 when blacklisted, 0 otherwise'),
	partnerid: optionalText.describe('Partner ID: the customer’s ID in your own system'),
	enterpriseid: optionalText,
	enterprise_name: optionalText,
	companyid: optionalText,
	remark: optionalText,
	user_label: optionalText.describe('Tags, separated by ;'),
	create_datetime: optionalText,
	extend_field_values: z.array(extendFieldValue).nullish().describe('Custom fields, as Sobot sends them'),
});
export type Customer = z.output<typeof customer>;

/**
 * Find Customer's output: the open API's fields, custom fields by name, and the names Sobot's IVR
 * "internal query API" uses (nick, uname, isVip, ...), so flows built for that keep working.
 */
export const foundCustomer = z.looseObject({
	found: z.boolean().describe('Whether a customer matched'),
	customFields: z
		.array(z.object({ id: z.string(), name: z.string().optional(), value: z.string().optional(), rawValue: z.string().optional() }))
		.optional()
		.describe('Each custom field with its ID, its name and its value (an option field’s label; `rawValue` is the option’s value)'),
	customFieldsByName: z.record(z.string(), z.unknown()).optional().describe('Custom field values keyed by name (by ID when a field has no name)'),
	gender: z.string().optional(),
	country: z.string().optional(),
	province: z.string().optional(),
	city: z.string().optional(),
	vipLevelName: z.string().optional(),
	source: z.string().optional().describe('The channel the customer came from'),
	responsibleAgent: z.string().optional().describe('The agent responsible for the customer'),
	tagNames: z.string().optional(),
	socialIds: z.record(z.string(), z.string()).optional().describe('WeChat, WeCom, WhatsApp, Facebook, Instagram, Line, Telegram and Discord IDs and visitor IDs, where Sobot gives them'),
	id: z.string().optional(),
	tel: z.string().optional(),
	email: z.string().optional(),
	partner_id: z.string().optional(),
	nick: z.string().optional(),
	uname: z.string().optional(),
	isVip: z.enum(['1', '2']).optional().describe('"1" for a VIP, "2" otherwise, as the IVR query API codes it'),
	vipLevel: z.string().optional(),
	isblack: z.enum(['1', '0']).optional().describe('"1" when blacklisted'),
	userStatusName: z.enum(['blacklist', 'normal']).optional(),
	userLabel: z.string().optional(),
});

/** One custom customer field as query_user_extend_fields describes it (the reference client's `QueryUserExtendFields/Response/Item/ExtendFields`, sources.md#sobot-helper-lookups). */
export const customFieldDefinition = z.looseObject({
	fieldid: text,
	field_name: optionalText,
	field_type: optionalNumber,
	field_type_cn: optionalText,
	field_variable: optionalText,
	field_status: optionalNumber,
	fill_flag: optionalNumber,
	open_flag: optionalNumber,
});

/** query_user_extend_fields' `item`: the company's custom customer fields. */
export const customFieldDefinitions = z.looseObject({ extend_fields: z.array(z.unknown()).nullish() });

/** Get Custom Field Definitions' output: each field with its ID and name, then Sobot's own keys. */
export const customFieldOutput = customFieldDefinition.extend({
	id: z.string().describe('Field ID: the key custom field values are sent and found under'),
	name: z.string().optional().describe('The field’s name, as shown in Sobot under CRM → Settings → Customer Fields'),
	type: z.number().optional().describe('1 single line, 2 multi-line, 3 date, 4 time, 5 number, 6 drop-down, 7 checkbox, 8 radio, 9 cascade'),
	typeName: z.string().optional(),
	required: z.boolean().optional(),
	active: z.boolean().describe('False for a field that was deleted or switched off'),
});

export const savedCustomer = z.looseObject({ userid: text, user_nick: optionalText, companyid: optionalText });

export const ticket = z.looseObject({
	ticketid: text.describe('Ticket ID'),
	ticket_title: optionalText,
	ticket_content: optionalText,
	ticket_status: optionalNumber.describe('0 new, 1 in progress, 2 awaiting reply, 3 solved, 99 closed, 98 deleted'),
	ticket_level: optionalNumber.describe('Priority: 0 low, 1 medium, 2 high, 3 urgent'),
	ticket_typeid: optionalText,
	userid: optionalText,
	create_datetime: optionalText,
	deal_list: z.array(z.unknown()).nullish().describe('Every reply: reply_content, reply_type (0 seen by everyone, 1 by agents only), start_type (0 agent, 1 customer), reply_datetime'),
});
export type Ticket = z.output<typeof ticket>;

export const savedTicket = z.looseObject({ ticketid: text.describe('ID of the new ticket') });

export const reply = z.looseObject({ ticketid: text, replied: z.literal(true) });

export const agentReply = z.looseObject({
	ticketid: text,
	replied: z.literal(true),
	visibleTo: z.enum(['everyone', 'agents']).describe('Who sees the reply: everyone (the customer too) or agents only'),
	ticket_status: optionalNumber.describe('The ticket’s status sent with the reply: 0 new, 1 in progress, 2 awaiting reply, 3 solved, 99 closed'),
	ticket_level: optionalNumber.describe('The ticket’s priority sent with the reply: 0 low, 1 medium, 2 high, 3 urgent'),
});

/** A ticket type of the data dictionary, with its sub-types (the reference client's TicketTypeList). */
export interface TicketType {
	typeid: string;
	type_name?: string;
	parentid?: string;
	type_level?: string;
	node_flag?: string;
	sub_type_list?: TicketType[] | null;
	[key: string]: unknown;
}
const ticketType: z.ZodType<TicketType> = z.lazy(() =>
	z.looseObject({
		typeid: text,
		type_name: optionalText,
		parentid: optionalText,
		type_level: optionalText,
		node_flag: optionalText,
		sub_type_list: z.array(ticketType).nullish(),
	}),
) as unknown as z.ZodType<TicketType>;

const dictEntry = z.looseObject({ dict_value: text, dict_name: optionalText });

/** get_data_dict's `item` (the reference client's DataDict/Response/Item). */
export const dataDictionary = z.looseObject({
	ticket_type_list: z.array(ticketType).nullish(),
	ticket_level_list: z.array(dictEntry).nullish(),
	ticket_status_list: z.array(dictEntry).nullish(),
	group_list: z.array(z.looseObject({ groupid: text, group_name: optionalText })).nullish(),
	agent_list: z.array(z.looseObject({ agentid: text, agent_name: optionalText })).nullish(),
});
export type DataDictionary = z.output<typeof dataDictionary>;

export const dictionaryEntry = z.looseObject({
	id: z.string().describe('The ID to give the ticket operations: a type, status, priority, skill group or agent ID'),
	name: z.string().optional(),
	path: z.string().optional().describe('Ticket types: the names from the top level down, e.g. "After-sales > Refund"'),
	leaf: z.boolean().optional().describe('Ticket types: whether it has no sub-types (tickets take only those)'),
	level: z.number().optional().describe('Ticket types: 1 to 5, from the top'),
});

export const uploadedAttachment = z.looseObject({
	file_url: z.string().describe('The path of the uploaded file: give it to Attachment Paths (several separated by ;)'),
	fileName: z.string(),
	size: z.number(),
});
