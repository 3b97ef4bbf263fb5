import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { feedbackAnswer } from '../../schemas';
import { authIdProperty, businessIdInput, businessIdOption } from '../fields';

const properties: INodeProperties[] = [
	authIdProperty,
	{ displayName: 'Query Resolved', name: 'queryResolved', type: 'boolean', default: true, description: 'Whether the user’s question was answered' },
	{ displayName: 'Rating', name: 'queryRating', type: 'number', required: true, default: 5, typeOptions: { minValue: 1, maxValue: 5 }, description: 'How satisfied the user was, from 1 to 5' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [businessIdOption, { displayName: 'Feedback', name: 'feedback', type: 'string', default: '', typeOptions: { rows: 2 }, description: 'What the user wrote about the conversation' }],
	},
	{
		displayName: 'Haptik takes one feedback per user an hour, and only for a user who has had a conversation.',
		name: 'feedbackNotice',
		type: 'notice',
		default: '',
	},
];

const rating = z.coerce
	.number()
	.int({ error: 'a whole number from 1 to 5' })
	.min(1, { error: 'a whole number from 1 to 5' })
	.max(5, { error: 'a whole number from 1 to 5' });

export const sendFeedback = defineOperation({
	resource: 'chat',
	value: 'sendFeedback',
	name: 'Send Feedback',
	description: 'Log how the user rated their conversation (resolved or not, 1 to 5, a comment)',
	action: 'Send a user’s feedback on a chat',
	properties,
	input: z.object({
		authId: nonEmptyString,
		queryResolved: z.boolean().default(true),
		queryRating: rating,
		options: z.object({ businessId: businessIdInput, feedback: optionalString }).prefault({}),
	}),
	output: feedbackAnswer,
	sideEffects: true,
	run: (client: HaptikClient, input) =>
		client.logFeedback({ authId: input.authId, businessId: input.options.businessId, resolved: input.queryResolved, rating: input.queryRating, text: input.options.feedback }),
});
