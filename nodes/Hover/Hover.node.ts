import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { prebuiltProperties } from '../shared/prebuilt';
import { listSearch, loadOptions } from './methods';

export class Hover implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hover',
		name: 'hover',
		icon: { light: 'file:hover.svg', dark: 'file:hover.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Hover USSD and SIM menu actions, parsers and apps',
		defaults: { name: 'Hover' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'hoverApi', required: true }],
		properties: prebuiltProperties(
			() => require('./Hover.properties.json'),
			() => (require('./actions') as typeof import('./actions')).hoverActions,
		),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Required when the node runs, not when n8n loads it (shared/prebuilt.ts).
		const [{ runOperations }, { hoverActions }] = await Promise.all([import('../shared/runner'), import('./actions')]);
		return await runOperations.call(this, hoverActions);
	}
}
