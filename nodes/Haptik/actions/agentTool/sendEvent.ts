import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import { AGENT_TOOL_EVENTS } from '../../client';
import type { AgentToolEvent, HaptikClient } from '../../client';
import { agentToolResult } from '../../schemas';
import { agentToolUserIdProperty } from '../fields';

const properties: INodeProperties[] = [
	agentToolUserIdProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: [
			{ name: 'Agent Assigned', value: 'assigned', description: 'An agent took the chat (message/allocated)' },
			{ name: 'Conversation Closed', value: 'completed', description: 'The conversation is done (collection_state/complete); the next user message starts a new one' },
			{ name: 'User Timed Out', value: 'userTimedOut', description: 'The user stopped answering (message/user_timeout)' },
		],
		default: 'assigned',
	},
	{ displayName: 'Metadata', name: 'metadata', type: 'string', default: '', description: 'Text sent with the event (Haptik takes it as a string)' },
];

export const sendEvent = defineOperation({
	resource: 'agentTool',
	value: 'sendEvent',
	name: 'Send Conversation Event',
	description: 'Tell Haptik an agent took the chat, the user went quiet, or the conversation is closed',
	action: 'Send a conversation event',
	properties,
	input: z.object({
		userId: nonEmptyString,
		event: z.enum(Object.keys(AGENT_TOOL_EVENTS) as [AgentToolEvent, ...AgentToolEvent[]]),
		metadata: optionalString,
	}),
	output: agentToolResult.extend({ event: z.string().describe('The event sent: category/subcategory') }),
	sideEffects: true,
	run: async (client: HaptikClient, input) => {
		await client.sendAgentToolEvent(input.userId, input.event, input.metadata);
		const { category, subcategory } = AGENT_TOOL_EVENTS[input.event];
		return { userId: input.userId, sent: true, event: `${category}/${subcategory}` };
	},
});
