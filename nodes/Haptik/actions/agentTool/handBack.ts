import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { handedBack } from '../../schemas';
import { agentToolUserIdProperty } from '../fields';

const properties: INodeProperties[] = [
	agentToolUserIdProperty,
	{ displayName: 'Bot Receiver ID', name: 'botReceiver', type: 'string', required: true, default: '', placeholder: 'e.g. iva', description: 'The bot’s receiver ID in Haptik’s thread control, as Haptik set it up' },
	{ displayName: 'Agent Tool Receiver ID', name: 'agentToolReceiver', type: 'string', required: true, default: '', placeholder: 'e.g. message_delivery_contact_center', description: 'This contact center’s own receiver ID, as Haptik set it up' },
	{
		displayName: 'Haptik marks the conversation complete when the bot gets it back: the user’s next message starts afresh with the bot.',
		name: 'handBackNotice',
		type: 'notice',
		default: '',
	},
];

export const handBack = defineOperation({
	resource: 'agentTool',
	value: 'handBack',
	name: 'Hand Back to Bot',
	description: 'Pass the conversation back to the Haptik bot when the agent is done',
	action: 'Hand a conversation back to the bot',
	properties,
	input: z.object({ userId: nonEmptyString, botReceiver: nonEmptyString, agentToolReceiver: nonEmptyString }),
	output: handedBack,
	sideEffects: true,
	run: async (client: HaptikClient, input) => {
		await client.passThreadControl(input.userId, input.agentToolReceiver, input.botReceiver);
		return { userId: input.userId, sent: true, receiver: input.botReceiver };
	},
});
