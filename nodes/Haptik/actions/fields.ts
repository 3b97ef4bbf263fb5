import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { jsonObject, nonEmptyString, optionalString } from '../../shared/fields';

export const authIdProperty: INodeProperties = {
	displayName: 'User Auth ID',
	name: 'authId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. customer-1042',
	description: 'Your own ID of the user (Haptik’s auth_id): the same for every message of one user',
};

export const agentToolUserIdProperty: INodeProperties = {
	displayName: 'Haptik User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ab112468917fgghdebc',
	description: 'Haptik’s user ID from the Haptik Trigger (userId), as the agent tool APIs know the user',
};

export const businessIdOption: INodeProperties = {
	displayName: 'Business ID',
	name: 'businessId',
	type: 'number',
	default: 0,
	description: 'The channel (business) to use instead of the credential’s',
};

/** A business ID from an options collection: absent, empty or 0 (n8n's default) means the credential's. */
export const businessIdInput = z
	.union([z.number(), z.string(), z.null()])
	.optional()
	.transform((value) => (value === '' || value === null || value === undefined || Number(value) === 0 ? undefined : Number(value)))
	.pipe(z.number().int({ error: 'a positive whole number (Haptik’s business ID)' }).positive({ error: 'a positive whole number (Haptik’s business ID)' }).optional());

/** A user's details, as Create or Update and Update send them (sources.md#haptik-user-create-update). */
export const userProperties: INodeProperties[] = [
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

export const userInput = z
	.object({
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
	})
	.transform(({ authId, additionalFields: { customData, ...fields } }) => ({ authId, ...fields, customData: customData && Object.keys(customData).length ? customData : undefined }));
