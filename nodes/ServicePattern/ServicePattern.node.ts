import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { prebuiltProperties } from '../shared/prebuilt';
import { loadOptions } from './methods';

export class ServicePattern implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ServicePattern',
		name: 'servicePattern',
		icon: { light: 'file:servicePattern.svg', dark: 'file:servicePattern.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Chat with a Bright Pattern (ServicePattern) contact center as a customer',
		defaults: { name: 'ServicePattern' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'servicePatternApi', required: true }],
		properties: prebuiltProperties(
			() => require('./ServicePattern.properties.json'),
			() => (require('./actions') as typeof import('./actions')).servicePatternActions,
		),
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Required when the node runs, not when n8n loads it (shared/prebuilt.ts).
		const [{ runOperations }, { servicePatternActions }] = await Promise.all([import('../shared/runner'), import('./actions')]);
		return await runOperations.call(this, servicePatternActions);
	}
}
