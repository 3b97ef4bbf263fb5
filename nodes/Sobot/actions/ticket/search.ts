import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import { TICKET_PAGE_SIZE } from '../../client';
import type { SobotClient } from '../../client';
import { ticket } from '../../schemas';
import { sobotDateTime } from '../fields';
import { limitOf, pageInput, pageProperties } from '../pagination';

const STATUSES = [
	{ name: 'Any', value: '' },
	{ name: 'Awaiting Reply', value: '2' },
	{ name: 'Closed', value: '99' },
	{ name: 'Deleted', value: '98' },
	{ name: 'In Progress', value: '1' },
	{ name: 'New', value: '0' },
	{ name: 'Solved', value: '3' },
];

const properties: INodeProperties[] = [
	{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', required: true, default: '' },
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'At most one month after Created After: Sobot refuses longer ranges',
	},
	...pageProperties(TICKET_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{ displayName: 'Agent ID', name: 'agentId', type: 'string', default: '', description: 'The agent handling the ticket' },
			{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '' },
			{ displayName: 'Status', name: 'status', type: 'options', options: STATUSES, default: '' },
			{ displayName: 'Ticket Type ID', name: 'typeId', type: 'string', default: '' },
		],
	},
];

const MAX_RANGE_MS = 31 * 24 * 3600 * 1000;

export const search = defineOperation({
	resource: 'ticket',
	value: 'search',
	name: 'Search',
	description: 'List tickets created within a date range of at most a month',
	action: 'Search tickets',
	properties,
	input: z
		.object({
			createdAfter: sobotDateTime.pipe(z.string({ error: 'a date and time' })),
			createdBefore: sobotDateTime.pipe(z.string({ error: 'a date and time' })),
			...pageInput,
			filters: z
				.object({ agentId: optionalString, customerId: optionalString, status: optionalString, typeId: optionalString })
				.prefault({}),
		})
		.refine((input) => {
			const span = Date.parse(input.createdBefore.replace(' ', 'T')) - Date.parse(input.createdAfter.replace(' ', 'T'));
			return span >= 0 && span <= MAX_RANGE_MS;
		}, { error: 'Created Before to be after Created After, and at most one month later (Sobot’s limit)', path: ['createdBefore'] }),
	output: ticket,
	sideEffects: false,
	returnsList: true,
	run: (client: SobotClient, input) => client.searchTickets({ createdAfter: input.createdAfter, createdBefore: input.createdBefore, ...input.filters }, limitOf(input)),
});
