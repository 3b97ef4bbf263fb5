import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalHttpUrl, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { app, toApp } from '../../schemas';
import { archiveOperations, getOperation, idProperty } from '../common';

const appId = idProperty('App ID', 'appId', 'e.g. 43120');
const shared = { resource: 'app', label: 'app', path: '/apps', idProperty: appId, output: app, toOutput: toApp };

const webhookUrlProperty: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/hover',
	description: 'Where Hover posts the app’s transactions; the Hover Trigger can set this itself',
};

const optionalUrl = optionalHttpUrl;

export const create = defineOperation({
	resource: 'app',
	value: 'create',
	name: 'Create',
	description: 'Register an Android app that runs actions; returns its SDK token and webhook secret',
	action: 'Create an app',
	properties: [
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '' },
		{ displayName: 'Package Name', name: 'packageName', type: 'string', required: true, default: '', placeholder: 'e.g. com.example.app' },
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add field', default: {}, options: [webhookUrlProperty] },
	],
	input: z.object({
		name: nonEmptyString,
		packageName: nonEmptyString,
		additionalFields: z.object({ webhookUrl: optionalUrl }).prefault({}),
	}),
	output: app,
	sideEffects: true,
	run: async (client: HoverClient, input) =>
		toApp(
			await client.one('POST', '/apps', {
				app: { name: input.name, package_name: input.packageName, ...(input.additionalFields.webhookUrl ? { webhook_url: input.additionalFields.webhookUrl } : {}) },
			}),
		),
});

export const get = getOperation({ ...shared, description: 'Get an app, with its SDK token and webhook settings' });

export const update = defineOperation({
	resource: 'app',
	value: 'update',
	name: 'Update',
	description: 'Change an app, for example its webhook URL',
	action: 'Update an app',
	properties: [
		appId,
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
	],
	input: z.object({
		appId: nonEmptyString,
		updateFields: z
			.object({ name: optionalString, packageName: optionalString, webhookUrl: optionalUrl })
			.prefault({})
			.refine((fields) => Object.values(fields).some((v) => v !== undefined), { error: 'at least one field to update' }),
	}),
	output: app,
	sideEffects: true,
	run: async (client: HoverClient, input) => {
		const { name, packageName, webhookUrl } = input.updateFields;
		const body = Object.fromEntries(
			Object.entries({ name, package_name: packageName, webhook_url: webhookUrl }).filter(([, v]) => v !== undefined),
		);
		return toApp(await client.one('PATCH', `/apps/${encodeURIComponent(input.appId)}`, { app: body }));
	},
});

export const [archive, restore] = archiveOperations(shared);
