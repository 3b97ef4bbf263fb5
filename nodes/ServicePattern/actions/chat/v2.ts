import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../../../shared/errors';
import { optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { version } from '../../schemas';
import { chatIdInput, chatIdOf, chatIdProperty, clientIdOf, conversationProperties, conversationRequired } from '../common';

function requireV2(client: ServicePatternClient, operation: string) {
	if (client.version !== 'v2') {
		throw new ServiceError(`${operation} needs API version v2`, { description: 'Set API Version to V2 in the ServicePattern credential.' });
	}
}

export const getVersion = defineOperation({
	resource: 'chat',
	value: 'getVersion',
	name: 'Get Version (V2)',
	description: 'Get the contact center’s server version',
	action: 'Get the server version',
	properties: conversationProperties,
	input: conversationRequired({}),
	output: version,
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		requireV2(client, 'Get Version');
		const clientId = clientIdOf(input);
		return { ...((await client.json(clientId, 'GET', '/version')) as object), clientId };
	},
});

const TOKEN_FIELDS = {
	androidFirebase: ['android_firebase_device_token'],
	iosFirebase: ['ios_firebase_device_token'],
	iosApns: ['ios_apns_device_token', 'ios_app_bundle_id'],
} as const;

const pushProperties: INodeProperties[] = [
	{
		displayName: 'Push Service',
		name: 'pushService',
		type: 'options',
		options: [
			{ name: 'Android (Firebase)', value: 'androidFirebase' },
			{ name: 'iOS (APNs)', value: 'iosApns' },
			{ name: 'iOS (Firebase)', value: 'iosFirebase' },
			{ name: 'None (Unsubscribe)', value: 'none' },
		],
		default: 'androidFirebase',
	},
	{
		displayName: 'Device Token',
		name: 'deviceToken',
		type: 'string',
		default: '',
		displayOptions: { hide: { pushService: ['none'] } },
	},
	{ displayName: 'App Bundle ID', name: 'bundleId', type: 'string', default: '', displayOptions: { show: { pushService: ['iosApns'] } } },
];

export const subscribeToPush = defineOperation({
	resource: 'chat',
	value: 'subscribeToPush',
	name: 'Subscribe to Push (V2)',
	description: 'Have the contact center notify a mobile device of the chat’s events',
	action: 'Subscribe to push notifications',
	properties: [...conversationProperties, chatIdProperty, ...pushProperties],
	input: conversationRequired({
		...chatIdInput,
		pushService: z.enum(['androidFirebase', 'iosFirebase', 'iosApns', 'none']),
		deviceToken: optionalString,
		bundleId: optionalString,
	}).refine((input) => input.pushService === 'none' || !!input.deviceToken, { error: 'a device token', path: ['deviceToken'] }),
	output: z.looseObject({ clientId: z.string(), chatId: z.string(), subscribed: z.boolean() }),
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		requireV2(client, 'Subscribe to Push');
		const clientId = clientIdOf(input);
		const chatId = await chatIdOf(client, clientId, input.chatId);
		const body: Record<string, string> = {};
		if (input.pushService !== 'none') {
			const [tokenField, bundleField] = TOKEN_FIELDS[input.pushService] as readonly string[];
			body[tokenField] = input.deviceToken!;
			if (bundleField) body[bundleField] = input.bundleId ?? '';
		}
		await client.json(clientId, 'POST', `/chats/${encodeURIComponent(chatId)}/notifications`, body);
		return { clientId, chatId, subscribed: input.pushService !== 'none' };
	},
});
