import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { createServiceClient } from '../../shared/runner';
import { servicePatternService } from '../actions';
import { parameterList } from '../actions/chat/getExpectedParameters';
import { conversationClientId } from '../client';

export const loadOptions = {
	/** The scenario entry's expected parameters, for Request Chat. */
	async getExpectedParameters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const { client } = await createServiceClient(this, servicePatternService);
		const answer = await client.json(conversationClientId('n8n-load-options'), 'GET', '/parameters');
		return parameterList(answer).map(({ name, type }) => ({ name: `${name} (${type})`, value: name }));
	},
};
