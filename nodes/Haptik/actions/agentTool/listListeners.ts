import { z } from 'zod/v4';

import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { listenerItem } from '../../schemas';
import { agentToolUserIdProperty } from '../fields';

export const listListeners = defineOperation({
	resource: 'agentTool',
	value: 'listListeners',
	name: 'List Listeners',
	description: 'List who may hold the user’s conversation (the bot, Haptik’s agents, agent tools): the receiver IDs Hand Back takes',
	action: 'List the receivers of a conversation',
	properties: [agentToolUserIdProperty],
	input: z.object({ userId: nonEmptyString }),
	output: listenerItem,
	sideEffects: false,
	returnsList: true,
	run: async (client: HaptikClient, input) => (await client.listListeners(input.userId)).map((listener) => ({ userId: input.userId, ...listener })),
});
