import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { prebuiltProperties } from '../shared/prebuilt';

export class Sobot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sobot',
		name: 'sobot',
		icon: { light: 'file:sobot.svg', dark: 'file:sobot.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Find, create and update customers and tickets in Sobot customer service',
		defaults: { name: 'Sobot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sobotApi', required: true }],
		properties: prebuiltProperties(
			() => require('./Sobot.properties.json'),
			() => (require('./actions') as typeof import('./actions')).sobotActions,
		),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Required when the node runs, not when n8n loads it (shared/prebuilt.ts).
		const [{ runOperations }, { sobotActions }] = await Promise.all([import('../shared/runner'), import('./actions')]);
		return await runOperations.call(this, sobotActions);
	}
}
