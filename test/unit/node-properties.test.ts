/**
 * n8n orders a level of parameters (the node's own, or a collection's children) by the displayOptions
 * that tie them together, and n8n 1.x can only order names of that same level: a child of a collection
 * shown by a top-level parameter makes it refuse to save or publish the workflow ("Could not resolve
 * parameter dependencies. Max iterations reached!"), as `npm run test:compat` found with Haptik's Get
 * Transcript on 1.100.1 (2.x skips such names). Every displayOptions of the package names its own level.
 */
import path from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { SERVICE_REGISTRY, nodeFiles } from '../../scripts/services';

const ROOT = path.resolve(__dirname, '../..');

const nodes: Array<[string, INodeType]> = SERVICE_REGISTRY.flatMap(nodeFiles).map((file) => {
	const exported = require(path.join(ROOT, file)) as Record<string, new () => INodeType>;
	const [NodeClass] = Object.values(exported);
	return [path.basename(file, '.node.ts'), new NodeClass()];
});

/** Each displayOptions name that is not a parameter of its own level, as "where → parameter: name". */
function namesOutsideTheirLevel(level: INodeProperties[], at: string): string[] {
	const names = new Set(level.map((property) => property.name));
	return level.flatMap((property) => {
		const referenced = Object.values(property.displayOptions ?? {}).flatMap((rule) => (rule && typeof rule === 'object' ? Object.keys(rule) : []));
		const outside = referenced.filter((name) => !name.startsWith('@') && !names.has(name)).map((name) => `${at} → ${property.name}: ${name}`);
		if (property.type !== 'collection' && property.type !== 'fixedCollection') return outside;
		const within = `${at} → ${property.name}`;
		const options = property.options ?? [];
		const levels = property.type === 'fixedCollection' ? options.map((option) => (option as INodePropertyCollection).values) : [options as INodeProperties[]];
		return [...outside, ...levels.flatMap((children) => namesOutsideTheirLevel(children, within))];
	});
}

test('every node of the registry is checked', () => {
	expect(nodes.map(([name]) => name)).toEqual(SERVICE_REGISTRY.flatMap((entry) => [entry.node, ...entry.triggers]));
});

test.each(nodes)('%s: every displayOptions names parameters of its own level', (_, node) => {
	expect(namesOutsideTheirLevel(node.description.properties, node.description.name)).toEqual([]);
});
