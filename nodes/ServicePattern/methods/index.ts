import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

export const loadOptions = {
	/** The scenario entry's expected parameters, for Request Chat. */
	async getExpectedParameters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		// Required when the list is asked for, not when n8n loads the node (shared/prebuilt.ts).
		const [{ createServiceClient }, { conversationClientId }, { servicePatternService }] = await Promise.all([
			import('../../shared/service'),
			import('../conversation'),
			import('../service'),
		]);
		const { client } = await createServiceClient(this, servicePatternService);
		const parameters = await client.expectedParameters(conversationClientId('n8n-load-options'));
		return parameters.map(({ name, type }) => ({ name: `${name} (${type})`, value: name }));
	},
};
