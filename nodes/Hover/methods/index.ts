import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

/** The client, required when a list is asked for, not when n8n loads the node (shared/prebuilt.ts). */
async function hoverClient(context: ILoadOptionsFunctions) {
	const [{ createServiceClient }, { hoverService }] = await Promise.all([import('../../shared/service'), import('../service')]);
	return (await createServiceClient(context, hoverService)).client;
}

export const listSearch = {
	async searchActions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const client = await hoverClient(this);
		const needle = filter?.toLowerCase() ?? '';
		const actions = (await client.listActions()).filter((a) => !a.archivedAt);
		return {
			results: actions
				.filter((a) => !needle || `${a.name} ${a.id} ${a.rootCode}`.toLowerCase().includes(needle))
				.map((a) => ({ name: `${a.name ?? a.id}${a.rootCode ? ` (${a.rootCode})` : ''}`, value: a.id })),
		};
	},
};

export const loadOptions = {
	async getOperators(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const client = await hoverClient(this);
		const operators = await client.worldOperators();
		return operators
			.map((o) => ({ name: o.country ? `${o.name} (${o.country.toUpperCase()})` : o.name, value: o.id }))
			.sort((a, b) => a.name.localeCompare(b.name));
	},
};
