import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalHttpUrl, optionalString, updateFieldsOf } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { app } from '../../schemas';
import { appIdProperty } from '../common';
import { webhookUrlProperty } from '../fields';

const properties: INodeProperties[] = [
	appIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Package Name', name: 'packageName', type: 'string', default: '' },
			webhookUrlProperty,
		],
	},
];

export const update = defineOperation({
	resource: 'app',
	value: 'update',
	name: 'Update',
	description: 'Change an app, for example its webhook URL',
	action: 'Update an app',
	properties,
	input: z.object({
		appId: nonEmptyString,
		updateFields: updateFieldsOf(z.object({ name: optionalString, packageName: optionalString, webhookUrl: optionalHttpUrl })),
	}),
	output: app,
	sideEffects: true,
	run: (client: HoverClient, input) => client.updateApp(input.appId, input.updateFields),
});
