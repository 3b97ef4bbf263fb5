import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { describeOperations } from '../shared/operation';
import { runOperations } from '../shared/runner';
import { telSpielActions } from './actions';

export class TelSpiel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'telSpiel',
		name: 'telSpiel',
		icon: { light: 'file:telspiel.svg', dark: 'file:telspiel.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Ring an agent, then connect a customer, with telSpiel Click To Call',
		defaults: { name: 'telSpiel' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telSpielApi', required: true }],
		properties: describeOperations(telSpielActions),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, telSpielActions);
	}
}
