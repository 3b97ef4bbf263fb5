import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { action } from '../../schemas';
import { operatorIds, operatorsProperty, stepsInput, stepsProperty, transportType, transportTypeProperty } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. Check Bundle Balance' },
	{ ...operatorsProperty, required: true },
	transportTypeProperty,
	{
		displayName: 'Root Code',
		name: 'rootCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. *144#',
		description: 'The shortcode a user would dial (not used for STK)',
	},
	stepsProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [{ displayName: 'Description', name: 'description', type: 'string', default: '' }],
	},
];

export const create = defineOperation({
	resource: 'action',
	value: 'create',
	name: 'Create',
	description: 'Create an action: a USSD or SIM menu path',
	action: 'Create an action',
	properties,
	input: z
		.object({
			name: nonEmptyString,
			operators: operatorIds.min(1, { error: 'at least one operator' }),
			transportType,
			rootCode: optionalString,
			steps: stepsInput,
			additionalFields: z.object({ description: optionalString }).prefault({}),
		})
		.refine((input) => input.transportType === 'stk' || !!input.rootCode, { error: 'a root code such as *144# (only STK actions have none)', path: ['rootCode'] }),
	output: action,
	sideEffects: true,
	run: (client: HoverClient, input) => client.createAction({ ...input, description: input.additionalFields.description }),
});
