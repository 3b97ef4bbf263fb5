// After tsc: writes each node's parameters next to it in dist (`<Node>.properties.json`), worked out
// from its operations as the node itself does, so that loading the node (n8n loads every node when it
// starts) does not load the operations, their zod schemas and the client (nodes/shared/prebuilt.ts).
// And each operation's output schema where n8n's own nodes keep theirs
// (`__schema__/v<version>/<resource>/<operation>.json`): n8n serves them to the editor, which shows
// an operation's output fields before it has run, and hands them to its AI workflow builder.
'use strict';
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { n8n } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

for (const file of n8n.nodes) {
	const nodeFile = path.join(root, file);
	const target = nodeFile.replace(/\.node\.js$/, '.properties.json');
	// Only the nodes that read the file: a trigger's description is its own.
	if (!readFileSync(nodeFile, 'utf8').includes(`./${path.basename(target)}`)) continue;
	rmSync(target, { force: true });
	const exported = require(nodeFile);
	const [NodeType] = Object.values(exported);
	const { properties } = new NodeType().description;
	writeFileSync(target, `${JSON.stringify(properties)}\n`);
	// The node now reads what was written; it must be what it worked out.
	delete require.cache[nodeFile];
	if (JSON.stringify(new (Object.values(require(nodeFile))[0])().description.properties) !== JSON.stringify(properties)) {
		throw new Error(`${target} does not give the node's own parameters`);
	}
	if (!existsSync(target)) throw new Error(`${target} was not written`);
}

const { z } = require('zod/v4');
const padded = (version) => String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');

for (const file of n8n.nodes) {
	const nodeDir = path.dirname(path.join(root, file));
	const actionsFile = path.join(nodeDir, 'actions', 'index.js');
	if (!existsSync(actionsFile) || !file.endsWith(`${path.basename(nodeDir)}.node.js`)) continue;
	const actions = Object.values(require(actionsFile)).find((value) => value && typeof value === 'object' && 'operations' in value);
	const [NodeType] = Object.values(require(path.join(root, file)));
	const versions = [new NodeType().description.version].flat();
	rmSync(path.join(nodeDir, '__schema__'), { recursive: true, force: true });
	for (const version of versions) {
		for (const operation of actions.operations) {
			const target = path.join(nodeDir, '__schema__', `v${padded(version)}`, operation.resource, `${operation.value}.json`);
			mkdirSync(path.dirname(target), { recursive: true });
			const { $schema, ...schema } = z.toJSONSchema(operation.output, { io: 'output', unrepresentable: 'any' });
			writeFileSync(target, `${JSON.stringify(schema, null, '\t')}\n`);
		}
	}
}
