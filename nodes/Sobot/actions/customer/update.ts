import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, updateFieldsOf } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import { customerBody } from '../../client';
import type { SobotClient } from '../../client';
import { customerFieldOptions, customerFieldsInput } from '../customerFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		description: 'Sobot’s ID of the customer (userid)',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: customerFieldOptions(false),
	},
];

export const update = defineOperation({
	resource: 'customer',
	value: 'update',
	name: 'Update',
	description: 'Change a customer’s fields',
	action: 'Update a customer',
	properties,
	input: z.object({
		customerId: nonEmptyString,
		updateFields: updateFieldsOf(customerFieldsInput, (fields) => Object.keys(customerBody(fields)).length > 0),
	}),
	output: z.looseObject({ userid: z.string(), updated: z.literal(true) }),
	sideEffects: true,
	run: async (client: SobotClient, input) => {
		await client.updateCustomer(input.customerId, input.updateFields);
		return { userid: input.customerId, updated: true };
	},
});
