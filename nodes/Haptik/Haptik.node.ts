import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { describeOperations } from '../shared/operation';
import { runOperations } from '../shared/runner';
import { haptikActions } from './actions';
import { listSearch } from './methods';

export class Haptik implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Haptik',
		name: 'haptik',
		icon: { light: 'file:haptik.svg', dark: 'file:haptik.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Talk to a Haptik bot as a channel, and answer its chats from a contact center',
		defaults: { name: 'Haptik' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'haptikApi', required: true }],
		properties: describeOperations(haptikActions),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, haptikActions);
	}
}
