import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString, resourceLocatorId } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { parser } from '../../schemas';
import { actionLocator } from '../common';
import { parserStatus, parserStatusProperty, parserTarget, regex, regexProperty, requireSmsSender, senderProperty, targetTypeProperty } from '../fields';

const properties: INodeProperties[] = [
	actionLocator,
	parserStatusProperty,
	{ displayName: 'Category', name: 'category', type: 'string', required: true, default: '', placeholder: 'e.g. line-not-active' },
	{ ...regexProperty, required: true },
	targetTypeProperty,
	{ ...senderProperty, required: true, displayOptions: { show: { targetType: ['sms'] } } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [{ displayName: 'User Message', name: 'userMessage', type: 'string', default: '', description: 'Shown to the user when a reply matches' }],
	},
];

export const create = defineOperation({
	resource: 'parser',
	value: 'create',
	name: 'Create',
	description: 'Create a parser that reads an action’s replies',
	action: 'Create a parser',
	properties,
	input: z
		.object({
			actionId: resourceLocatorId,
			status: parserStatus,
			category: nonEmptyString,
			regex,
			targetType: parserTarget.default('ussd'),
			sender: optionalString,
			additionalFields: z.object({ userMessage: optionalString }).prefault({}),
		})
		.superRefine((fields, ctx) => requireSmsSender(fields, ctx, [])),
	output: parser,
	sideEffects: true,
	run: (client: HoverClient, { additionalFields, ...fields }) => client.createParser({ ...fields, ...additionalFields }),
});
