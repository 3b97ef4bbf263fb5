import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { agentToolResult, textHsl } from '../../schemas';
import { agentToolUserIdProperty } from '../fields';

const properties: INodeProperties[] = [
	agentToolUserIdProperty,
	{ displayName: 'Text', name: 'text', type: 'string', required: true, default: '', typeOptions: { rows: 2 }, placeholder: 'e.g. Hi, I am Ana from support', description: 'What the user sees' },
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'options',
		options: [
			{ name: 'Agent', value: 'aeu', description: 'A person at the contact center' },
			{ name: 'Agent Tool', value: 'ect', description: 'The contact-center tool itself (e.g. "An agent will be with you shortly")' },
		],
		default: 'aeu',
	},
];

export const sendMessage = defineOperation({
	resource: 'agentTool',
	value: 'sendMessage',
	name: 'Send Agent Message',
	description: 'Send a contact-center agent’s message to the Haptik user',
	action: 'Send an agent message to a user',
	properties,
	input: z.object({ userId: nonEmptyString, text: nonEmptyString, sender: z.enum(['aeu', 'ect']).default('aeu') }),
	output: agentToolResult,
	sideEffects: true,
	run: async (client: HaptikClient, input) => {
		await client.sendAgentToolMessage(input.userId, textHsl(input.text), input.sender);
		return { userId: input.userId, sent: true };
	},
});
