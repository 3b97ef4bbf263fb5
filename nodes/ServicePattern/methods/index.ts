import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { createServiceClient } from '../../shared/service';
import { conversationClientId } from '../conversation';
import { servicePatternService } from '../service';

export const loadOptions = {
	/** The scenario entry's expected parameters, for Request Chat. */
	async getExpectedParameters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const { client } = await createServiceClient(this, servicePatternService);
		const parameters = await client.expectedParameters(conversationClientId('n8n-load-options'));
		return parameters.map(({ name, type }) => ({ name: `${name} (${type})`, value: name }));
	},
};
