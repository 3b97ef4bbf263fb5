import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { jsonObject, nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { user } from '../../schemas';
import { authIdProperty } from '../fields';

const properties: INodeProperties[] = [
	authIdProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Custom Data', name: 'customData', type: 'json', default: '{}', description: 'A flat JSON object (no nested objects), e.g. {"city": "Mumbai"}; the bot can read it' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Language Code', name: 'languageCode', type: 'string', default: '', placeholder: 'e.g. en', description: 'ISO 639-1 code of the user’s language' },
			{ displayName: 'Mobile Number', name: 'mobileNo', type: 'string', default: '', placeholder: 'e.g. 919999999999' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Asha' },
		],
	},
];

// Haptik takes custom_data only flat: a nested object is refused here, naming the key.
const flatCustomData = jsonObject.pipe(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()], { error: 'a flat JSON object: text, number or true/false values, nothing nested' })));

export const createOrUpdate = defineOperation({
	resource: 'user',
	value: 'createOrUpdate',
	name: 'Create or Update',
	description: 'Register a user with Haptik, or update the one with this auth ID',
	action: 'Create or update a user',
	properties,
	input: z.object({
		authId: nonEmptyString,
		additionalFields: z
			.object({
				name: optionalString,
				email: optionalString,
				mobileNo: optionalString,
				languageCode: optionalString,
				customData: flatCustomData.optional(),
			})
			.prefault({}),
	}),
	output: user,
	// Updating a user twice is the same as once.
	sideEffects: false,
	run: (client: HaptikClient, input) => client.upsertUser({ authId: input.authId, ...input.additionalFields, customData: input.additionalFields.customData && Object.keys(input.additionalFields.customData).length ? input.additionalFields.customData : undefined }),
});
