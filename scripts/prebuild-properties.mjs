// After tsc: writes each node's parameters next to it in dist (`<Node>.properties.json`), worked out
// from its operations as the node itself does, so that loading the node (n8n loads every node when it
// starts) does not load the operations, their zod schemas and the client (nodes/shared/prebuilt.ts).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'package.json'));
const { n8n } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

for (const file of n8n.nodes) {
	const nodeFile = path.join(root, file);
	const target = nodeFile.replace(/\.node\.js$/, '.properties.json');
	// Only the nodes that read the file: a trigger's description is its own.
	if (!readFileSync(nodeFile, 'utf8').includes(`./${path.basename(target)}`)) continue;
	rmSync(target, { force: true });
	const module = require(nodeFile);
	const [NodeType] = Object.values(module);
	const { properties } = new NodeType().description;
	writeFileSync(target, `${JSON.stringify(properties)}\n`);
	// The node now reads what was written; it must be what it worked out.
	delete require.cache[nodeFile];
	if (JSON.stringify(new (Object.values(require(nodeFile))[0])().description.properties) !== JSON.stringify(properties)) {
		throw new Error(`${target} does not give the node's own parameters`);
	}
	if (!existsSync(target)) throw new Error(`${target} was not written`);
}
