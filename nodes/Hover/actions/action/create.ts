import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { action } from '../../schemas';
import { operatorIds, operatorsProperty, requireStkExpectedText, stepsInput, stepsProperty, transportType, transportTypeProperty } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. Check Bundle Balance' },
	{ ...operatorsProperty, required: true },
	transportTypeProperty,
	{
		displayName: 'Root Code',
		name: 'rootCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. *144#',
		description: 'The shortcode a user would dial to start the session; Hover requires it for every transport type',
	},
	stepsProperty,
];

export const create = defineOperation({
	resource: 'action',
	value: 'create',
	name: 'Create',
	description: 'Create an action: a USSD or SIM menu path',
	action: 'Create an action',
	properties,
	// Every field Hover marks [required] (sources.md#hover-action-fields) is required here too; Hover's
	// create schema has no description (sources.md#hover-action-fields), so none is offered.
	input: z
		.object({
			name: nonEmptyString,
			operators: operatorIds.min(1, { error: 'at least one operator' }),
			transportType,
			rootCode: nonEmptyString,
			steps: stepsInput,
		})
		.superRefine(({ transportType, steps }, ctx) => requireStkExpectedText(transportType, steps, ctx, ['steps'])),
	output: action,
	sideEffects: true,
	run: (client: HoverClient, input) => client.createAction(input),
});
