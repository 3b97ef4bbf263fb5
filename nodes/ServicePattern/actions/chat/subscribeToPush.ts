import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { PushSubscription, ServicePatternClient } from '../../client';
import { chatOf } from '../../conversation';
import { chatIdInput, chatIdProperty, conversationProperties, conversationRequired } from '../../parameters';
import { requireV2 } from '../v2';

const properties: INodeProperties[] = [
	...conversationProperties,
	chatIdProperty,
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
		typeOptions: { password: true },
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
	properties,
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
		const { clientId, chatId } = await chatOf(client, input);
		const subscription = { service: input.pushService, deviceToken: input.deviceToken ?? '', bundleId: input.bundleId } as PushSubscription;
		await client.subscribeToPush(clientId, chatId, subscription);
		return { clientId, chatId, subscribed: input.pushService !== 'none' };
	},
});
