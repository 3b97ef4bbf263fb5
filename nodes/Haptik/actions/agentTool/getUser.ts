import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { commaSeparated, nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { agentToolUser } from '../../schemas';
import { agentToolUserIdProperty } from '../fields';

const properties: INodeProperties[] = [
	agentToolUserIdProperty,
	{
		displayName: 'Details',
		name: 'details',
		type: 'string',
		default: '',
		placeholder: 'e.g. name, mobile_no, email',
		description: 'Which details to read, separated by commas; empty reads every detail Haptik offers for the user',
	},
];

export const getUser = defineOperation({
	resource: 'agentTool',
	value: 'getUser',
	name: 'Get User',
	description: 'Read who the user is (name, mobile number, custom data) before an agent answers',
	action: 'Get a user',
	properties,
	input: z.object({
		userId: nonEmptyString,
		details: commaSeparated,
	}),
	output: agentToolUser,
	sideEffects: false,
	run: async (client: HaptikClient, input) => {
		const user = await client.agentToolUser(input.userId, input.details);
		return {
			userId: user.user_id,
			userName: user.user_name ?? null,
			thirdPartyUserId: user.third_party_user_id ?? null,
			devicePlatform: user.device_platform ?? null,
			details: user.details,
		};
	},
});
