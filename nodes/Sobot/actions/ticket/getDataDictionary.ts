import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { dictionaryEntry } from '../../schemas';
import type { DataDictionary, TicketType } from '../../schemas';

const properties: INodeProperties[] = [
	{
		displayName: 'Entries',
		name: 'entries',
		type: 'options',
		options: [
			{ name: 'Agents', value: 'agents', description: 'Agent IDs, for Agent ID, Created By Agent ID and Assign To Agent ID' },
			{ name: 'Priorities', value: 'priorities' },
			{ name: 'Skill Groups', value: 'groups', description: 'Group IDs, for Assign To Group ID' },
			{ name: 'Statuses', value: 'statuses' },
			{ name: 'Ticket Types', value: 'ticketTypes', description: 'Type IDs, for Ticket Type ID (only types without sub-types)' },
		],
		default: 'ticketTypes',
		description: 'Which list of the company’s ticket set-up to return, one item per entry',
	},
];

/** The type tree, flattened: each type with its path of names and whether it takes tickets. */
function flatten(types: TicketType[] | null | undefined, above: string[] = []): Array<Record<string, unknown>> {
	return (types ?? []).flatMap(({ sub_type_list: subTypes, ...type }) => {
		const path = [...above, type.type_name ?? type.typeid];
		const level = Number(type.type_level);
		const entry = { id: type.typeid, name: type.type_name, path: path.join(' > '), leaf: type.node_flag === undefined ? !subTypes?.length : type.node_flag === '0', ...(Number.isFinite(level) ? { level } : {}), ...type };
		return [entry, ...flatten(subTypes, path)];
	});
}

const ENTRIES: Record<string, (dictionary: DataDictionary) => Array<Record<string, unknown>>> = {
	ticketTypes: (d) => flatten(d.ticket_type_list),
	statuses: (d) => (d.ticket_status_list ?? []).map((e) => ({ id: e.dict_value, name: e.dict_name, ...e })),
	priorities: (d) => (d.ticket_level_list ?? []).map((e) => ({ id: e.dict_value, name: e.dict_name, ...e })),
	groups: (d) => (d.group_list ?? []).map((e) => ({ id: e.groupid, name: e.group_name, ...e })),
	agents: (d) => (d.agent_list ?? []).map((e) => ({ id: e.agentid, name: e.agent_name, ...e })),
};

export const getDataDictionary = defineOperation({
	resource: 'ticket',
	value: 'getDataDictionary',
	name: 'Get Data Dictionary',
	description: 'List the company’s ticket types, statuses, priorities, skill groups or agents, with their IDs',
	action: 'Get the ticket data dictionary',
	properties,
	input: z.object({ entries: z.enum(['ticketTypes', 'statuses', 'priorities', 'groups', 'agents']).default('ticketTypes') }),
	output: dictionaryEntry,
	sideEffects: false,
	returnsList: true,
	run: async (client: SobotClient, input) => ENTRIES[input.entries](await client.dataDictionary()),
});
