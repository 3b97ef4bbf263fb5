import { z } from 'zod/v4';

import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { customFieldDefinition } from '../../schemas';

export const getCustomFields = defineOperation({
	resource: 'customer',
	value: 'getCustomFields',
	name: 'Get Custom Field Definitions',
	description: 'List the custom customer fields: their IDs, names and types',
	action: 'Get custom field definitions',
	properties: [],
	input: z.object({}),
	output: customFieldDefinition,
	sideEffects: false,
	returnsList: true,
	run: (client: SobotClient) => client.customFieldDefinitions(),
});
