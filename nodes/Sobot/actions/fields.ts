import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../shared/fields';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as Sobot wants it: "YYYY-MM-DD HH:mm:ss". n8n's date pickers give ISO strings; the wall-clock
 * time the user picked is kept (Sobot applies the company's time zone).
 */
export const sobotDateTime = optionalString.pipe(
	z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?/, { error: 'a date and time such as 2026-11-23 09:30:00' })
		.transform((value) => {
			const [date, time = '00:00:00'] = value.replace('T', ' ').split(/[ ]/);
			const [h = 0, m = 0, s = 0] = time.replace(/(Z|[+-]\d{2}:?\d{2})$/, '').split(':').map((part) => Math.floor(Number(part)));
			return `${date} ${pad(h)}:${pad(m)}:${pad(s)}`;
		})
		.optional(),
);

/** Custom field values, as pairs of field ID and value. */
export const customFieldsInput = z
	.object({ field: z.array(z.object({ fieldId: z.string().trim().min(1), value: z.union([z.string(), z.number()]).transform(String) })).default([]) })
	.optional()
	.transform((value) => value?.field);

/** Custom field values as the UI takes them: pairs of field ID and value. */
export const customFieldsOption: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add custom field',
	default: {},
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field ID',
					name: 'fieldId',
					type: 'string',
					default: '',
					description: 'Shown in Sobot under CRM → Settings → Customer Fields, or by Get Custom Field Definitions',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

/**
 * Now, as Sobot writes times ("YYYY-MM-DD HH:mm:ss"), in the workflow's time zone: Sobot reads times
 * in the company's zone, and the workflow's is the closest n8n knows (a guess).
 */
export function sobotNow(timeZone: string | undefined, now = new Date()): string {
	const format = (zone: string) =>
		new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
	let formatter: Intl.DateTimeFormat;
	try {
		formatter = format(timeZone || 'UTC');
	} catch {
		formatter = format('UTC');
	}
	const part = Object.fromEntries(formatter.formatToParts(now).map(({ type, value }) => [type, value]));
	return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

const option = <Value extends string>(name: string, value: Value) => ({ name, value });

/** Ticket statuses an operation may set (Deleted is left to Sobot's own screens). */
export const TICKET_STATUS_OPTIONS = [
	option('Awaiting Reply', 'awaitingReply'),
	option('Closed', 'closed'),
	option('In Progress', 'inProgress'),
	option('New', 'new'),
	option('Solved', 'solved'),
];
export const ticketStatus = z.enum(['new', 'inProgress', 'awaitingReply', 'solved', 'closed']);

export const ticketPriorityOption: INodeProperties = {
	displayName: 'Priority',
	name: 'priority',
	type: 'options',
	options: [option('High', 'high'), option('Low', 'low'), option('Medium', 'medium'), option('Urgent', 'urgent')],
	default: 'medium',
};
export const ticketPriority = z.enum(['low', 'medium', 'high', 'urgent']);

/** Who a ticket is handed to: a skill group and an agent, by Sobot's IDs (from its data dictionary) and names. */
export const assignmentOptions: INodeProperties[] = [
	{ displayName: 'Assign To Agent ID', name: 'agentId', type: 'string', default: '', description: 'The agent who handles the ticket (deal_agentid)' },
	{ displayName: 'Assign To Agent Name', name: 'agentName', type: 'string', default: '' },
	{ displayName: 'Assign To Group ID', name: 'groupId', type: 'string', default: '', description: 'The skill group that handles the ticket (deal_groupid)' },
	{ displayName: 'Assign To Group Name', name: 'groupName', type: 'string', default: '' },
];
export const assignmentInput = { agentId: optionalString, agentName: optionalString, groupId: optionalString, groupName: optionalString };

export const attachmentPathsOption: INodeProperties = {
	displayName: 'Attachment Paths',
	name: 'files',
	type: 'string',
	default: '',
	description: 'Paths of files uploaded to Sobot, separated by ;',
};

/** Where a ticket came from, as Sobot numbers its channels. */
const TICKET_SOURCES = [
	{ name: 'App', value: 4 },
	{ name: 'Email', value: 12 },
	{ name: 'H5 (Mobile Web)', value: 2 },
	{ name: 'PC (Web)', value: 1 },
	{ name: 'Voice Message', value: 13 },
	{ name: 'WeChat Mini-Program', value: 16 },
	{ name: 'WeChat Official Account', value: 3 },
	{ name: 'WeCom', value: 17 },
];

/** What every new ticket says, whoever opens it (Create as Customer, Create as Agent): title, content, type and source. */
export const newTicketProperties = (titlePlaceholder: string): INodeProperties[] => [
	{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', placeholder: titlePlaceholder },
	{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 4 }, required: true, default: '' },
	{
		displayName: 'Ticket Type ID',
		name: 'typeId',
		type: 'string',
		required: true,
		default: '',
		description: 'ID of a ticket type without sub-types, from Sobot’s data dictionary',
	},
];

export const newTicketInput = { title: nonEmptyString, content: nonEmptyString, typeId: nonEmptyString, source: z.coerce.number().int() };

export const ticketSourceProperty: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	options: TICKET_SOURCES,
	default: 1,
	description: 'The channel the ticket came from',
};

export const companyIdOption: INodeProperties = {
	displayName: 'Company ID',
	name: 'companyId',
	type: 'string',
	default: '',
	description: 'Your Sobot company ID, if your account requires it',
};
