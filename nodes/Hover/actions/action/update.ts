import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { resourceLocatorId, updateFieldsOf } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { actionBody } from '../../client';
import { action } from '../../schemas';
import { actionFieldsInput, operatorsProperty, requireStkExpectedText, stepsProperty, transportTypeProperty } from '../fields';
import { actionLocator } from '../common';

const properties: INodeProperties[] = [
	actionLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			operatorsProperty,
			{ displayName: 'Root Code', name: 'rootCode', type: 'string', default: '', placeholder: 'e.g. *144#' },
			stepsProperty,
			transportTypeProperty,
		],
	},
	{
		displayName:
			'Hover replaces all the steps of an action that has steps with those an update sends, and lists steps only by their values. So add Steps, every one in order, to update an action that has steps; without them the node updates only actions that have none, and refuses the others without changing anything.',
		name: 'stepsNotice',
		type: 'notice',
		default: '',
	},
];

export const update = defineOperation({
	resource: 'action',
	value: 'update',
	name: 'Update',
	description: 'Change an action; steps are sent in full, as given, never rebuilt',
	action: 'Update an action',
	properties,
	input: z.object({
		actionId: resourceLocatorId,
		updateFields: updateFieldsOf(z.object(actionFieldsInput), (fields) => Object.keys(actionBody(fields).custom_action).length > 0)
			.superRefine((fields, ctx) => requireStkExpectedText(fields.transportType, fields.steps, ctx, ['steps'])),
	}),
	output: action,
	sideEffects: true,
	run: (client: HoverClient, input) => client.updateAction(input.actionId, input.updateFields),
});
