import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { resourceLocatorId } from '../../shared/fields';
import { defineOperation } from '../../shared/operation';
import type { HoverClient, HoverResource } from '../client';
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

export const parserIdProperty: INodeProperties = { displayName: 'Parser ID', name: 'parserId', type: 'string', required: true, default: '', placeholder: 'e.g. 157340' };

export const appIdProperty: INodeProperties = { displayName: 'App ID', name: 'appId', type: 'string', required: true, default: '', placeholder: 'e.g. 43120' };

/** How each resource is named in sentences, and the parameter that identifies one. */
export const RESOURCES: Record<HoverResource, { label: string; article: string; idProperty: INodeProperties }> = {
	action: { label: 'action', article: 'an', idProperty: actionLocator },
	parser: { label: 'parser', article: 'a', idProperty: parserIdProperty },
	app: { label: 'app', article: 'an', idProperty: appIdProperty },
};

const idInput = (kind: HoverResource) => z.object({ [RESOURCES[kind].idProperty.name]: resourceLocatorId });
const idOf = (kind: HoverResource, values: Record<string, string>) => values[RESOURCES[kind].idProperty.name];

/** Get, the same for every Hover resource. */
export function getOperation<Output extends z.ZodType>(kind: HoverResource, options: { description: string; output: Output; toOutput: (raw: Resource) => unknown }) {
	const { label, article, idProperty } = RESOURCES[kind];
	return defineOperation({
		resource: kind,
		value: 'get',
		name: 'Get',
		description: options.description,
		action: `Get ${article} ${label}`,
		properties: [idProperty],
		input: idInput(kind),
		output: options.output,
		sideEffects: false,
		run: async (client: HoverClient, values) => options.toOutput(await client.get(kind, idOf(kind, values))),
	});
}

/** Archive, the same for every Hover resource. */
export function archiveOperation(kind: HoverResource) {
	const { label, article, idProperty } = RESOURCES[kind];
	return defineOperation({
		resource: kind,
		value: 'archive',
		name: 'Archive',
		description: `Archive ${article} ${label}; it can be restored`,
		action: `Archive ${article} ${label}`,
		properties: [idProperty],
		input: idInput(kind),
		output: archived,
		// Archiving twice leaves it archived, so a failed attempt may be repeated.
		sideEffects: false,
		run: (client: HoverClient, values) => client.archive(kind, idOf(kind, values)),
	});
}

/** Restore, the same for every Hover resource. */
export function restoreOperation<Output extends z.ZodType>(kind: HoverResource, options: { output: Output; toOutput: (raw: Resource) => unknown }) {
	const { label, article, idProperty } = RESOURCES[kind];
	return defineOperation({
		resource: kind,
		value: 'restore',
		name: 'Restore',
		description: `Bring an archived ${label} back`,
		action: `Restore ${article} ${label}`,
		properties: [idProperty],
		input: idInput(kind),
		output: options.output,
		sideEffects: false,
		run: async (client: HoverClient, values) => options.toOutput(await client.restore(kind, idOf(kind, values))),
	});
}
