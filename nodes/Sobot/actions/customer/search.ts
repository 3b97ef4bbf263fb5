import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { customer } from '../../schemas';
import { limitOf, pageInput, pageProperties } from '../pagination';
import { sobotDateTime } from '../fields';

const properties: INodeProperties[] = [
	...pageProperties(50),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '' },
			{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Enterprise ID', name: 'enterpriseId', type: 'string', default: '' },
			{ displayName: 'Nickname', name: 'nick', type: 'string', default: '' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Blacklisted', value: '1' },
					{ name: 'Normal', value: '0' },
				],
				default: '',
			},
		],
	},
];

export const search = defineOperation({
	resource: 'customer',
	value: 'search',
	name: 'Search',
	description: 'List customers matching filters',
	action: 'Search customers',
	properties,
	input: z.object({
		...pageInput,
		filters: z
			.object({
				nick: optionalString,
				phone: optionalString,
				email: optionalString,
				status: optionalString.pipe(z.enum(['0', '1']).optional()),
				enterpriseId: optionalString,
				createdAfter: sobotDateTime,
				createdBefore: sobotDateTime,
			})
			.prefault({}),
	}),
	output: customer,
	sideEffects: false,
	returnsList: true,
	run: (client: SobotClient, input) =>
		client.collectPages(
			'/api/crm/5/user/query_users',
			{
				user_nick: input.filters.nick,
				user_tels: input.filters.phone,
				user_emails: input.filters.email,
				user_status: input.filters.status,
				enterpriseid: input.filters.enterpriseId,
				start_datetime: input.filters.createdAfter,
				end_datetime: input.filters.createdBefore,
			},
			limitOf(input),
			50,
		),
});
