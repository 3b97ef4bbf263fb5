import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { expectedParameters } from '../../schemas';
import { clientIdOf } from '../../conversation';
import { conversationProperties, conversationRequired } from '../../parameters';

export const getExpectedParameters = defineOperation({
	resource: 'chat',
	value: 'getExpectedParameters',
	name: 'Get Expected Parameters',
	description: 'List the parameters the scenario entry expects when a chat is requested',
	action: 'Get expected chat parameters',
	properties: conversationProperties,
	input: conversationRequired({}),
	output: expectedParameters,
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		const clientId = clientIdOf(input);
		return { clientId, parameters: await client.expectedParameters(clientId) };
	},
});
