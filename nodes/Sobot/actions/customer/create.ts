import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { savedCustomer } from '../../schemas';
import { customerFieldOptions, customerFieldsInput } from '../customerFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Nickname',
		name: 'nick',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Alex',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: customerFieldOptions(true).filter((option) => option.name !== 'nick'),
	},
	{
		displayName:
			'Sobot looks for an existing customer by partner ID, then email, then phone. If one exists it is returned unchanged; otherwise a new customer is created.',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
];

export const create = defineOperation({
	resource: 'customer',
	value: 'create',
	name: 'Create',
	description: 'Create a customer, or return the existing one with the same partner ID, email or phone',
	action: 'Create a customer',
	properties,
	input: z.object({ nick: nonEmptyString, additionalFields: customerFieldsInput.prefault({}) }),
	output: savedCustomer,
	sideEffects: true,
	run: (client: SobotClient, input) => client.saveCustomer({ ...input.additionalFields, nick: input.nick }),
});
