/**
 * What a model reads about each operation when a node is an AI agent's tool with its description left
 * on "Set Automatically": n8n makes it from the operation's action and the node's name (n8n-workflow's
 * getToolDescriptionForNode, the function the agent and the MCP Server Trigger use). The agent test in
 * start.test.ts checks two of them as the model receives them; this checks every one.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeProperties, INodeType } from 'n8n-workflow';

import { loadPackage } from '../harness/package';

interface ToolDescription {
	node: string;
	resource: string;
	operation: string;
	description: string;
}

async function toolDescriptions(): Promise<ToolDescription[]> {
	const { packageNodeTypes } = await loadPackage();
	const all: ToolDescription[] = [];
	for (const { type } of Object.values(packageNodeTypes)) {
		const { description } = type as INodeType;
		if (!description.usableAsTool) continue;
		const operations = description.properties.filter((property): property is INodeProperties => property.name === 'operation');
		for (const picker of operations) {
			for (const resource of (picker.displayOptions?.show?.resource ?? []) as string[]) {
				for (const option of picker.options ?? []) {
					const operation = String((option as { value: string }).value);
					const node = { parameters: { resource, operation, descriptionType: 'auto' } } as unknown as INode;
					all.push({ node: description.name, resource, operation, description: NodeHelpers.getToolDescriptionForNode(node, type as INodeType) });
				}
			}
		}
	}
	return all;
}

test('every operation of every node, as a tool, tells a model what it does and where: a verb first, the service last, one line', async () => {
	const all = await toolDescriptions();
	expect(all.length).toBeGreaterThan(40);
	const unclear = all.filter(({ description }) => !/^[A-Z][a-z]+ .+ in (telSpiel|Sobot|Hover|ServicePattern|Haptik)$/.test(description) || description.length > 80 || /\n|\.\s/.test(description));
	expect(unclear).toEqual([]);
});

test('within a node, no two operations give a model the same description', async () => {
	const all = await toolDescriptions();
	const seen = new Map<string, ToolDescription>();
	const twice = all.filter((entry) => {
		const key = `${entry.node}: ${entry.description}`;
		if (seen.has(key)) return true;
		seen.set(key, entry);
		return false;
	});
	expect(twice).toEqual([]);
});

test('the two tools of the agent example read as the model receives them', async () => {
	const all = await toolDescriptions();
	const of = (node: string, operation: string) => all.find((entry) => entry.node === node && entry.operation === operation)?.description;
	expect([of('sobot', 'find'), of('telSpiel', 'clickToCall')]).toEqual(['Find a customer in Sobot', 'Ring an agent, then connect a customer in telSpiel']);
});
