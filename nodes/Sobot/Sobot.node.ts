import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { describeOperations } from '../shared/operation';
import { runOperations } from '../shared/runner';
import { sobotActions } from './actions';

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
		properties: describeOperations(sobotActions),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, sobotActions);
	}
}
