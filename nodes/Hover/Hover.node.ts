import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { describeOperations } from '../shared/operation';
import { runOperations } from '../shared/runner';
import { hoverActions } from './actions';
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
		properties: describeOperations(hoverActions),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, hoverActions);
	}
}
