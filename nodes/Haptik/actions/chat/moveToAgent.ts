import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalOf, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { movedChat } from '../../schemas';
import { businessIdInput, businessIdOption } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName: 'User Name',
		name: 'userName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8a5e3c1f0b9d4e2a',
		description: 'Haptik’s user name of the user (user.user_name in the Haptik Trigger’s bot events; not your auth ID)',
	},
	{ displayName: 'Team Name', name: 'teamName', type: 'string', required: true, default: '', placeholder: 'e.g. Support', description: 'The agent team as named on the agent tool’s Teams page' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			businessIdOption,
			{ displayName: 'Countdown (Seconds)', name: 'countdown', type: 'number', default: 10, typeOptions: { minValue: 5, maxValue: 10 }, description: 'How long Haptik waits before the chat joins the team’s queue' },
			{
				displayName: 'Receiver',
				name: 'receiver',
				type: 'string',
				default: '',
				placeholder: 'e.g. athena',
				description: 'Which agent tool takes the chat: athena for Haptik’s own, or the receiver ID Haptik set up for an external one. Empty: Haptik’s default.',
			},
		],
	},
];

export const moveToAgent = defineOperation({
	resource: 'chat',
	value: 'moveToAgent',
	name: 'Move to Agent Team',
	description: 'Hand the user’s chat from the bot to an agent team',
	action: 'Move a chat to an agent team',
	properties,
	input: z.object({
		userName: nonEmptyString,
		teamName: nonEmptyString,
		options: z.object({ businessId: businessIdInput, countdown: optionalOf(z.coerce.number().int().min(5, { error: 'a whole number of seconds from 5 to 10' }).max(10, { error: 'a whole number of seconds from 5 to 10' })), receiver: optionalString }).prefault({}),
	}),
	output: movedChat,
	sideEffects: true,
	run: (client: HaptikClient, input) => client.moveToAgent({ userName: input.userName, teamName: input.teamName, ...input.options }),
});
