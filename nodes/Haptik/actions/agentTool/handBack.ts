import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, resourceLocatorId } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { handedBack } from '../../schemas';
import { agentToolUserIdProperty } from '../fields';

/** A receiver of thread control: picked from the user's listeners (Agent Tool → List Listeners), or typed. */
const receiverLocator = (name: string, displayName: string, placeholder: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			// The user's listeners: Haptik lists them per user ID, so the list follows the Haptik User ID above.
			typeOptions: { searchListMethod: 'searchReceivers', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder },
	],
});

const properties: INodeProperties[] = [
	agentToolUserIdProperty,
	receiverLocator('botReceiver', 'Bot Receiver', 'e.g. iva', 'Who gets the conversation: Haptik’s bot (a primary or the default receiver; an agent tool may pass to no other)'),
	receiverLocator('agentToolReceiver', 'Agent Tool Receiver', 'e.g. message_delivery_contact_center', 'This contact center’s own receiver ID: the active receiver while your agents hold the chat'),
	{
		displayName:
			'The lists show the user’s listeners (Agent Tool → List Listeners), so they need a Haptik User ID typed above; with an expression there, choose By ID. Haptik marks the conversation complete when the bot gets it back: the user’s next message starts afresh with the bot.',
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
	input: z.object({ userId: nonEmptyString, botReceiver: resourceLocatorId, agentToolReceiver: resourceLocatorId }),
	output: handedBack,
	sideEffects: true,
	run: async (client: HaptikClient, input) => {
		await client.passThreadControl(input.userId, input.agentToolReceiver, input.botReceiver);
		return { userId: input.userId, sent: true, receiver: input.botReceiver };
	},
});
