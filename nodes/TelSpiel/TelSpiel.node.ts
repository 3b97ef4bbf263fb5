import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { prebuiltProperties } from '../shared/prebuilt';

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
		properties: prebuiltProperties(
			() => require('./TelSpiel.properties.json'),
			() => (require('./actions') as typeof import('./actions')).telSpielActions,
		),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Required when the node runs, not when n8n loads it (shared/prebuilt.ts).
		const [{ runOperations }, { telSpielActions }] = await Promise.all([import('../shared/runner'), import('./actions')]);
		return await runOperations.call(this, telSpielActions);
	}
}
