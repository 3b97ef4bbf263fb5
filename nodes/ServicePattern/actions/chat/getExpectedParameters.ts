import { defineOperation } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { parseAnswer } from '../../../shared/answers';
import { expectedParameters, parametersAnswer } from '../../schemas';
import { clientIdOf, conversationProperties, conversationRequired } from '../common';

/** `{ parameters: [{ name: type }, …] }` as a list of `{ name, type }`. */
export function parameterList(answer: unknown): Array<{ name: string; type: string }> {
	const list = parseAnswer(parametersAnswer, answer).parameters ?? [];
	return list.flatMap((entry) => Object.entries(entry).map(([name, type]) => ({ name, type: String(type) })));
}

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
		return { clientId, parameters: parameterList(await client.json(clientId, 'GET', '/parameters')) };
	},
});
