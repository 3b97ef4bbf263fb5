import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalOf, optionalString, updateFieldsOf } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { parser } from '../../schemas';
import { parserIdProperty } from '../common';
import { parserStatus, parserStatusProperty, parserTarget, regex, regexProperty, requireSmsSender, senderProperty, targetTypeProperty } from '../fields';

const properties: INodeProperties[] = [
	parserIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Category', name: 'category', type: 'string', default: '' },
			regexProperty,
			senderProperty,
			parserStatusProperty,
			targetTypeProperty,
			{ displayName: 'User Message', name: 'userMessage', type: 'string', default: '' },
		],
	},
];

export const update = defineOperation({
	resource: 'parser',
	value: 'update',
	name: 'Update',
	description: 'Change a parser',
	action: 'Update a parser',
	properties,
	input: z.object({
		parserId: nonEmptyString,
		updateFields: updateFieldsOf(
			z.object({
				category: optionalString,
				regex: optionalOf(regex),
				sender: optionalString,
				status: parserStatus.optional(),
				targetType: parserTarget.optional(),
				userMessage: optionalString,
			}),
		)
			// A parser switched to SMS gets its sender in the same update: the node cannot see the one it has.
			.superRefine((fields, ctx) => requireSmsSender(fields, ctx, [])),
	}),
	output: parser,
	sideEffects: true,
	run: (client: HoverClient, input) => client.updateParser(input.parserId, input.updateFields),
});
