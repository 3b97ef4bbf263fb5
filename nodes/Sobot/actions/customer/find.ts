import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../../../shared/errors';
import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { foundCustomer } from '../../schemas';
import type { Customer } from '../../schemas';

const properties: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{ name: 'Customer ID', value: 'customerId', description: 'Sobot’s ID of the customer' },
			{ name: 'Email', value: 'email' },
			{ name: 'Partner ID', value: 'partnerId', description: 'The customer’s ID in your own system (Sobot’s "docking ID")' },
			{ name: 'Phone', value: 'phone', description: 'For IVR flows: the caller’s number' },
		],
		default: 'phone',
		description: 'Which field identifies the customer',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 13800000000',
		description: 'The customer ID, email, partner ID or phone number to look for (one value)',
	},
	{
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		options: [
			{ name: 'Output an Item With Found: False', value: 'outputNotFound', description: 'The flow can branch on the "found" field' },
			{ name: 'Fail', value: 'fail', description: 'Stop, or output the error with Continue On Fail' },
		],
		default: 'outputNotFound',
	},
	{
		displayName:
			'Sobot’s open API cannot look customers up by WeChat, WhatsApp, Facebook, Instagram, Line, Telegram or Discord IDs. Of the IVR query’s third-party account IDs, only the partner ID can be searched.',
		name: 'thirdAccountNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { searchBy: ['partnerId'] } },
	},
];

/**
 * Facts Sobot's IVR customer query returns (sources.md#sobot-ivr-customer-query) that the open API does not
 * list. Which key the open API uses for each is not documented: each is read from the IVR query's own
 * name first, then the open API's snake_case style. A guess, kept here so it is corrected in one place.
 */
const PROFILE_FIELDS = {
	gender: ['sexName', 'sex_name', 'sex'],
	country: ['countryName', 'country_name'],
	province: ['provice_name', 'province_name'],
	city: ['city_name'],
	vipLevelName: ['vipLeveName', 'vip_level_name'],
	source: ['sourceName', 'source_name'],
	responsibleAgent: ['liableServiceName', 'liable_service_name'],
	tagNames: ['userLableName', 'user_label_name'],
} as const;

const SOCIAL_IDS = {
	wechatUnionId: ['wx_unionid'],
	wecomExternalUserId: ['wx_external_userid'],
	wechatOpenId: ['wx_openid'],
	whatsappId: ['whatsappid', 'whatsapp_id'],
	facebookId: ['faceBookid', 'facebookid', 'facebook_id'],
	instagramId: ['instagramid', 'instagram_id'],
	lineId: ['lineid', 'line_id'],
	telegramId: ['telegramid', 'telegram_id'],
	discordId: ['discordid', 'discord_id'],
	visitorIds: ['visitorids', 'visitor_ids'],
} as const;

function firstOf(found: Record<string, unknown>, keys: readonly string[]): string | undefined {
	for (const key of keys) {
		const value = found[key];
		if (value !== undefined && value !== null && value !== '') return String(value);
	}
	return undefined;
}

// Plain loops: run for every item, where entries/flatMap/fromEntries showed in the profile (bench/RESULTS.md).
function readable<Names extends Record<string, readonly string[]>>(found: Record<string, unknown>, names: Names) {
	const values: Partial<Record<keyof Names, string>> = {};
	for (const name in names) {
		const value = firstOf(found, names[name]);
		if (value !== undefined) values[name] = value;
	}
	return values;
}

/** Each custom field with its ID and name; option fields carry their label in field_text, the others only a value. */
function customFieldsOf(values: Customer['extend_field_values'], names: Map<string, string>) {
	return (values ?? []).map((field) => ({
		id: field.fieldid,
		name: names.get(field.fieldid),
		value: field.field_text || field.field_value,
		rawValue: field.field_value,
	}));
}

/** The IVR query API's names for the same facts, where the open API has them. */
function ivrNames(found: Customer) {
	return {
		id: found.userid,
		tel: found.user_tels,
		email: found.user_emails,
		partner_id: found.partnerid,
		nick: found.user_nick,
		uname: found.user_name,
		isVip: found.user_level === undefined ? undefined : found.user_level === 1 ? ('1' as const) : ('2' as const),
		vipLevel: found.vip_level,
		isblack: found.user_status === undefined ? undefined : found.user_status === 1 ? ('1' as const) : ('0' as const),
		userStatusName: found.user_status === undefined ? undefined : found.user_status === 1 ? ('blacklist' as const) : ('normal' as const),
		userLabel: found.user_label,
		enterprise_name: found.enterprise_name,
		remark: found.remark,
	};
}

export const find = defineOperation({
	resource: 'customer',
	value: 'find',
	name: 'Find',
	description: 'Look a customer up by ID, phone, email or partner ID',
	action: 'Find a customer',
	properties,
	input: z.object({
		searchBy: z.enum(['customerId', 'phone', 'email', 'partnerId']),
		value: nonEmptyString,
		ifNotFound: z.enum(['outputNotFound', 'fail']),
	}),
	output: foundCustomer,
	sideEffects: false,
	run: async (client: SobotClient, input) => {
		const found = await client.findCustomer(input.searchBy, input.value);
		if (!found) {
			if (input.ifNotFound === 'fail') {
				throw new ServiceError(`No Sobot customer matches ${input.searchBy} "${input.value}"`, {
					code: 'not_found',
					description: 'Set "If Not Found" to output an item with found: false to branch on it instead.',
				});
			}
			return { found: false };
		}
		const names = found.extend_field_values?.length ? await client.customFieldNames() : new Map<string, string>();
		const customFields = customFieldsOf(found.extend_field_values, names);
		const socialIds = readable(found, SOCIAL_IDS);
		const customFieldsByName: Record<string, string | undefined> = {};
		for (const field of customFields) customFieldsByName[field.name ?? field.id] = field.value;
		return {
			...found,
			...ivrNames(found),
			...readable(found, PROFILE_FIELDS),
			...(Object.keys(socialIds).length > 0 ? { socialIds } : {}),
			found: true,
			customFields,
			customFieldsByName,
		};
	},
});
