import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalHttpUrl } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { app } from '../../schemas';
import { webhookUrlProperty } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '' },
	{ displayName: 'Package Name', name: 'packageName', type: 'string', required: true, default: '', placeholder: 'e.g. com.example.app' },
	{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add field', default: {}, options: [webhookUrlProperty] },
];

export const create = defineOperation({
	resource: 'app',
	value: 'create',
	name: 'Create',
	description: 'Register an Android app that runs actions; returns its SDK token and webhook secret',
	action: 'Create an app',
	properties,
	input: z.object({
		name: nonEmptyString,
		packageName: nonEmptyString,
		additionalFields: z.object({ webhookUrl: optionalHttpUrl }).prefault({}),
	}),
	output: app,
	sideEffects: true,
	run: (client: HoverClient, { additionalFields, ...fields }) => client.createApp({ ...fields, ...additionalFields }),
});
