import type { Customer } from '../schemas';

// How Sobot's answer about one customer becomes Find's item: the open API's own fields, the IVR
// query's names for them, and the facts the IVR query has that the open API does not list.

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

/** Find's item for a customer Sobot found: its own fields, their IVR names, its profile, social IDs and custom fields. */
export function foundCustomerItem(found: Customer, names: Map<string, string>) {
	const customFields = customFieldsOf(found.extend_field_values, names);
	const socialIds = readable(found, SOCIAL_IDS);
	const customFieldsByName: Record<string, string | undefined> = {};
	for (const field of customFields) customFieldsByName[field.name ?? field.id] = field.value;
	return {
		...found,
		...ivrNames(found),
		...readable(found, PROFILE_FIELDS),
		...(Object.keys(socialIds).length > 0 ? { socialIds } : {}),
		found: true as const,
		customFields,
		customFieldsByName,
	};
}
