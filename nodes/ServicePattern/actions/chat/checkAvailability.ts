import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { availability } from '../../schemas';
import { clientIdOf } from '../../conversation';
import { conversationProperties, conversationRequired } from '../../parameters';

export const checkAvailability = defineOperation({
	resource: 'chat',
	value: 'checkAvailability',
	name: 'Check Availability',
	description: 'Whether the scenario entry is within its hours of operation, with the expected wait',
	action: 'Check chat availability',
	properties: conversationProperties,
	input: conversationRequired({}),
	output: availability,
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		const clientId = clientIdOf(input);
		const answer = await client.availability(clientId);
		return { ...answer, clientId, available: answer.chat === 'available' };
	},
});
