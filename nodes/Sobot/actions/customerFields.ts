import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalString } from '../../shared/fields';
import { customFieldsInput, customFieldsOption } from './fields';

/** Optional customer fields, shared by Create and Update; `enterprise` only where the API takes it. */
export function customerFieldOptions(withEnterprise: boolean): INodeProperties[] {
	return [
		customFieldsOption,
		{ displayName: 'Blacklisted', name: 'blacklisted', type: 'boolean', default: false, description: 'Whether the customer is blacklisted' },
		{ displayName: 'Emails', name: 'emails', type: 'string', default: '', description: 'Several separated by ;' },
		...(withEnterprise
			? [{ displayName: 'Enterprise Name', name: 'enterpriseName', type: 'string', default: '', description: 'Full name of the customer’s company' } as INodeProperties]
			: []),
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Real name' },
		{ displayName: 'Nickname', name: 'nick', type: 'string', default: '' },
		{ displayName: 'Partner ID', name: 'partnerId', type: 'string', default: '', description: 'The customer’s ID in your own system' },
		{ displayName: 'Phones', name: 'phones', type: 'string', default: '', description: 'Several separated by ;' },
		{ displayName: 'Remark', name: 'remark', type: 'string', default: '' },
		{ displayName: 'Tags', name: 'tags', type: 'string', default: '', description: 'Several separated by ;' },
		{ displayName: 'VIP', name: 'vip', type: 'boolean', default: false, description: 'Whether the customer is a VIP' },
		{ displayName: 'VIP Level', name: 'vipLevel', type: 'string', default: '', description: 'Option ID of the VIP level' },
	];
}

export const customerFieldsInput = z.object({
	nick: optionalString,
	name: optionalString,
	phones: optionalString,
	emails: optionalString,
	vip: z.boolean().optional(),
	vipLevel: optionalString,
	tags: optionalString,
	blacklisted: z.boolean().optional(),
	enterpriseName: optionalString,
	partnerId: optionalString,
	remark: optionalString,
	customFields: customFieldsInput,
});
