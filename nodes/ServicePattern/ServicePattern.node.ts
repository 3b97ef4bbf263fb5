import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { describeOperations } from '../shared/operation';
import { runOperations } from '../shared/runner';
import { servicePatternActions } from './actions';
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
		properties: describeOperations(servicePatternActions),
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, servicePatternActions);
	}
}
