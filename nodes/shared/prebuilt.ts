import type { INodeProperties } from 'n8n-workflow';

import type { ServiceActions } from './operation';

/**
 * A node's parameters, from the file the build writes next to the node (`<Node>.properties.json`,
 * scripts/prebuild-properties.cjs: the same parameters, worked out from the operations once). n8n
 * loads every node of the package when it starts; with the file it loads none of the operations,
 * their zod schemas or the service's client until the node runs (its execute requires them). Loaded
 * from the source (as unit tests do), there is no such file and they are worked out as before.
 * A fresh copy each time: n8n may change a node's description in place.
 */
export function prebuiltProperties<Client>(prebuilt: () => unknown, actions: () => ServiceActions<Client>): INodeProperties[] {
	let properties: unknown;
	try {
		properties = prebuilt();
	} catch {
		// Only "no such file": the source has none.
	}
	if (Array.isArray(properties)) return structuredClone(properties) as INodeProperties[];
	return (require('./operation') as typeof import('./operation')).describeOperations(actions());
}
