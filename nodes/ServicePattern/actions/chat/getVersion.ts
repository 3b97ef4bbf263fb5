import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { clientIdOf } from '../../conversation';
import { conversationProperties, conversationRequired } from '../../parameters';
import { version } from '../../schemas';
import { requireV2 } from '../v2';

export const getVersion = defineOperation({
	resource: 'chat',
	value: 'getVersion',
	name: 'Get Version (V2)',
	description: 'Get the contact center’s server version',
	action: 'Get the server version',
	properties: conversationProperties,
	input: conversationRequired({}),
	output: version,
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		requireV2(client, 'Get Version');
		const clientId = clientIdOf(input);
		return { ...(await client.serverVersion(clientId)), clientId };
	},
});
