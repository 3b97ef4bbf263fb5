import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { reenabledWebhook } from '../../schemas';
import { businessIdInput, businessIdOption } from '../fields';

const properties: INodeProperties[] = [
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options: [businessIdOption] },
	{
		displayName:
			'Haptik disables the Bot API webhook after an hour of failed deliveries (your URL unreachable, slow, or answering other than 2xx, for example a wrong Webhook Secret in the credential). Fix the cause first; Haptik then delivers what it queued meanwhile (up to 60 minutes).',
		name: 'reenableNotice',
		type: 'notice',
		default: '',
	},
];

export const reenable = defineOperation({
	resource: 'webhook',
	value: 'reenable',
	name: 'Re-enable Webhook',
	description: 'Turn the Bot API webhook back on after Haptik disabled it',
	action: 'Turn the bot webhook back on',
	properties,
	input: z.object({ options: z.object({ businessId: businessIdInput }).prefault({}) }),
	output: reenabledWebhook,
	// Enabling an enabled webhook changes nothing.
	sideEffects: false,
	run: (client: HaptikClient, input) => client.reenableWebhook(input.options.businessId),
});
