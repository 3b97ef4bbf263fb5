import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { clientIdOf } from '../../conversation';
import { conversationProperties, conversationRequired } from '../../parameters';
import { widgetConfiguration } from '../../schemas';

export const getWidgetConfiguration = defineOperation({
	resource: 'chat',
	value: 'getWidgetConfiguration',
	name: 'Get Chat Widget Configuration',
	description: 'Get the launch point’s chat widgets: contact tab, messages and styles',
	action: 'Get the chat widget configuration',
	properties: conversationProperties,
	input: conversationRequired({}),
	output: widgetConfiguration,
	sideEffects: false,
	run: async (client: ServicePatternClient, input) => {
		const clientId = clientIdOf(input);
		return { ...(await client.widgetConfiguration(clientId)), clientId };
	},
});
