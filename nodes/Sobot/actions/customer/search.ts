import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import { CUSTOMER_PAGE_SIZE } from '../../client';
import type { SobotClient } from '../../client';
import { customer } from '../../schemas';
import { sobotDateTime } from '../fields';
import { limitOf, pageInput, pageProperties } from '../pagination';

const properties: INodeProperties[] = [
	...pageProperties(CUSTOMER_PAGE_SIZE),
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
	run: (client: SobotClient, input) => client.searchCustomers(input.filters, limitOf(input)),
});
