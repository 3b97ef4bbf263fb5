import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalOf, optionalString, resourceLocatorId } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { parser, toParser } from '../../schemas';
import { actionLocator, archiveOperations, getOperation, idProperty } from '../common';

const parserId = idProperty('Parser ID', 'parserId', 'e.g. 157340');
const shared = { resource: 'parser', label: 'parser', path: '/parsers', idProperty: parserId, output: parser, toOutput: toParser };

const statusProperty: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Failed', value: 'failed' },
		{ name: 'Pending', value: 'pending' },
		{ name: 'Succeeded', value: 'succeeded' },
	],
	default: 'succeeded',
	description: 'The status given to transactions whose reply matches',
};

const regexProperty: INodeProperties = {
	displayName: 'Regex',
	name: 'regex',
	type: 'string',
	default: '',
	placeholder: 'e.g. Your balance is (?<balance>[\\d.,]+)',
	description: 'Matched against the reply; each named group (?<name>…) becomes a parsed variable',
};

/** A regex that compiles; Hover's named groups `(?<name>…)` are written the same way in JavaScript. */
const compiles = z.string().check((ctx) => {
	try {
		new RegExp(ctx.value);
	} catch (error) {
		ctx.issues.push({ code: 'custom', input: ctx.value, message: `a valid regular expression (${(error as Error).message})` });
	}
});
const regex = nonEmptyString.pipe(compiles);

export const create = defineOperation({
	resource: 'parser',
	value: 'create',
	name: 'Create',
	description: 'Create a parser that reads an action’s replies',
	action: 'Create a parser',
	properties: [
		actionLocator,
		statusProperty,
		{ displayName: 'Category', name: 'category', type: 'string', required: true, default: '', placeholder: 'e.g. line-not-active' },
		{ ...regexProperty, required: true },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [{ displayName: 'User Message', name: 'userMessage', type: 'string', default: '', description: 'Shown to the user when a reply matches' }],
		},
	],
	input: z.object({
		actionId: resourceLocatorId,
		status: z.enum(['succeeded', 'failed', 'pending']),
		category: nonEmptyString,
		regex,
		additionalFields: z.object({ userMessage: optionalString }).prefault({}),
	}),
	output: parser,
	sideEffects: true,
	run: async (client: HoverClient, input) =>
		toParser(
			await client.one('POST', '/parsers', {
				parser: {
					action_id: input.actionId,
					status: input.status,
					regex: input.regex,
					category: input.category,
					...(input.additionalFields.userMessage ? { user_message: input.additionalFields.userMessage } : {}),
				},
			}),
		),
});

export const get = getOperation({ ...shared, description: 'Get a parser' });

export const update = defineOperation({
	resource: 'parser',
	value: 'update',
	name: 'Update',
	description: 'Change a parser',
	action: 'Update a parser',
	properties: [
		parserId,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				{ displayName: 'Category', name: 'category', type: 'string', default: '' },
				regexProperty,
				{ ...statusProperty, default: 'succeeded' },
				{ displayName: 'User Message', name: 'userMessage', type: 'string', default: '' },
			],
		},
	],
	input: z.object({
		parserId: nonEmptyString,
		updateFields: z
			.object({
				category: optionalString,
				regex: optionalOf(regex),
				status: z.enum(['succeeded', 'failed', 'pending']).optional(),
				userMessage: optionalString,
			})
			.prefault({})
			.refine((fields) => Object.values(fields).some((v) => v !== undefined), { error: 'at least one field to update' }),
	}),
	output: parser,
	sideEffects: true,
	run: async (client: HoverClient, input) => {
		const { category, regex: pattern, status, userMessage } = input.updateFields;
		const body = Object.fromEntries(
			Object.entries({ category, regex: pattern, status, user_message: userMessage }).filter(([, v]) => v !== undefined),
		);
		return toParser(await client.one('PATCH', `/parsers/${encodeURIComponent(input.parserId)}`, { parser: body }));
	},
});

export const [archive, restore] = archiveOperations(shared);
