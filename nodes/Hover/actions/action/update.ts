import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { resourceLocatorId } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { actionBody } from '../../client';
import { action } from '../../schemas';
import { actionFieldsInput, operatorsProperty, stepsProperty, transportTypeProperty } from '../fields';
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
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			operatorsProperty,
			{ displayName: 'Root Code', name: 'rootCode', type: 'string', default: '', placeholder: 'e.g. *144#' },
			stepsProperty,
			transportTypeProperty,
		],
	},
	{
		displayName:
			'Hover replaces all the steps of an action that has steps. To change steps, list every step, not only the ones that change. Leave Steps out to keep them: the node reads them first and sends them back (Hover lists only step values, so a Select Number By Text step comes back as a Variable one).',
		name: 'stepsNotice',
		type: 'notice',
		default: '',
	},
];

export const update = defineOperation({
	resource: 'action',
	value: 'update',
	name: 'Update',
	description: 'Change an action; its steps are always sent in full',
	action: 'Update an action',
	properties,
	input: z.object({
		actionId: resourceLocatorId,
		updateFields: z
			.object(actionFieldsInput)
			.prefault({})
			.refine((fields) => Object.keys(actionBody(fields).custom_action).length > 0, { error: 'at least one field to update' }),
	}),
	output: action,
	sideEffects: true,
	run: (client: HoverClient, input) => client.updateAction(input.actionId, input.updateFields),
});
