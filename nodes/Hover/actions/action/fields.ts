import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalString } from '../../../shared/fields';
import { TRANSPORT_TYPES } from '../../schemas';
import { stepsInput, toCustomSteps } from './steps';

export const operatorsProperty: INodeProperties = {
	displayName: 'Operator Names or IDs',
	name: 'operators',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getOperators' },
	default: [],
	description:
		'Network operators the action runs on. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const transportTypeProperty: INodeProperties = {
	displayName: 'Transport Type',
	name: 'transportType',
	type: 'options',
	options: [
		{ name: 'Push', value: 'push', description: 'Reads a message the operator pushes' },
		{ name: 'STK (SIM Toolkit)', value: 'stk', description: 'A SIM menu; numbers count from 0' },
		{ name: 'USSD', value: 'ussd', description: 'A dialled shortcode such as *144#' },
		{ name: 'Variable Long String', value: 'variable_longstring', description: 'A USSD string built from variables' },
	],
	default: 'ussd',
};

export const operatorIds = z.array(z.union([z.string(), z.number()]).transform(String));

export const actionFieldsInput = {
	name: optionalString,
	description: optionalString,
	rootCode: optionalString,
	transportType: z.enum(TRANSPORT_TYPES).optional(),
	operators: operatorIds.optional(),
	steps: stepsInput.optional(),
};

type ActionFields = {
	name?: string;
	description?: string;
	rootCode?: string;
	transportType?: string;
	operators?: string[];
	steps?: z.output<typeof stepsInput>;
};

/** The `custom_action` body; absent fields are left out, steps only when there are some. */
export function actionBody(fields: ActionFields): Record<string, unknown> {
	const body: Record<string, unknown> = {
		name: fields.name,
		description: fields.description,
		world_operator_ids: fields.operators?.length ? fields.operators : undefined,
		transport_type: fields.transportType,
		root_code: fields.rootCode,
		custom_steps_attributes: fields.steps?.step.length ? toCustomSteps(fields.steps.step) : undefined,
	};
	return { custom_action: Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) };
}
