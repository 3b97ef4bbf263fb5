import { z } from 'zod/v4';

import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { parseAnswer } from '../../../shared/answers';
import { customFieldDefinition, customFieldOutput } from '../../schemas';

export const getCustomFields = defineOperation({
	resource: 'customer',
	value: 'getCustomFields',
	name: 'Get Custom Field Definitions',
	description: 'List the custom customer fields: their IDs, names and types',
	action: 'Get custom field definitions',
	properties: [],
	input: z.object({}),
	output: customFieldOutput,
	sideEffects: false,
	returnsList: true,
	run: async (client: SobotClient) =>
		(await client.customFieldDefinitions()).map((raw) => {
			const field = parseAnswer(customFieldDefinition, raw);
			return {
				...field,
				id: field.fieldid,
				name: field.field_name,
				type: field.field_type,
				typeName: field.field_type_cn,
				required: field.fill_flag === undefined ? undefined : field.fill_flag === 1,
				// field_status 0 is a deleted field; open_flag 0 one switched off (the reference client, sources.md#sobot-helper-lookups).
				active: field.field_status !== 0 && field.open_flag !== 0,
			};
		}),
});
