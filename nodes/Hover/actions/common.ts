import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { resourceLocatorId } from '../../shared/fields';
import { defineOperation } from '../../shared/operation';
import type { HoverClient } from '../client';
import { archived } from '../schemas';
import type { Resource } from '../schemas';

export const actionLocator: INodeProperties = {
	displayName: 'Action',
	name: 'actionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchActions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 13ce04ca',
			validation: [{ type: 'regex', properties: { regex: '^[0-9a-zA-Z]+$', errorMessage: 'Not a valid action ID' } }],
		},
	],
};

export const idProperty = (displayName: string, name: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	required: true,
	default: '',
	placeholder,
});

/** Archive and Restore, the same for every Hover resource: DELETE /{path}/{id} and PUT /{path}/{id}/restore. */
export function archiveOperations<Output extends z.ZodType>(options: {
	resource: string;
	label: string;
	path: string;
	idProperty: INodeProperties;
	output: Output;
	toOutput: (raw: Resource) => unknown;
}) {
	const input = z.object({ [options.idProperty.name]: resourceLocatorId });
	const idOf = (values: Record<string, string>) => encodeURIComponent(values[options.idProperty.name]);
	return [
		defineOperation({
			resource: options.resource,
			value: 'archive',
			name: 'Archive',
			description: `Archive a ${options.label}; it can be restored`,
			action: `Archive a ${options.label}`,
			properties: [options.idProperty],
			input,
			output: archived,
			// Archiving twice leaves it archived, so a failed attempt may be repeated.
			sideEffects: false,
			run: (client: HoverClient, values) => client.request('DELETE', `${options.path}/${idOf(values)}`),
		}),
		defineOperation({
			resource: options.resource,
			value: 'restore',
			name: 'Restore',
			description: `Bring an archived ${options.label} back`,
			action: `Restore a ${options.label}`,
			properties: [options.idProperty],
			input,
			output: options.output,
			sideEffects: false,
			run: async (client: HoverClient, values) => options.toOutput(await client.one('PUT', `${options.path}/${idOf(values)}/restore`)),
		}),
	];
}

/** Get, the same for every Hover resource: GET /{path}/{id}. */
export function getOperation<Output extends z.ZodType>(options: {
	resource: string;
	label: string;
	description: string;
	path: string;
	idProperty: INodeProperties;
	output: Output;
	toOutput: (raw: Resource) => unknown;
}) {
	return defineOperation({
		resource: options.resource,
		value: 'get',
		name: 'Get',
		description: options.description,
		action: `Get a ${options.label}`,
		properties: [options.idProperty],
		input: z.object({ [options.idProperty.name]: resourceLocatorId }),
		output: options.output,
		sideEffects: false,
		run: async (client: HoverClient, values) =>
			options.toOutput(await client.one('GET', `${options.path}/${encodeURIComponent(values[options.idProperty.name])}`)),
	});
}
