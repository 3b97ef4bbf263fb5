/**
 * Loading a node loads what its description needs, not what it needs to run (nodes/shared/prebuilt.ts):
 * the build writes each action node's parameters next to it, and n8n still sees them whole. Needs
 * `npm run build` (as the engine tests do).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { loadPackage, PACKAGE_DIR, PACKAGE_NAME } from '../harness/package';
import { SERVICES } from '../harness/operations';
import { describeOperations } from '../../nodes/shared/operation';

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };

/** The package's own modules a fresh process has loaded after requiring `files` from dist. */
function modulesLoadedBy(files: string[]): string[] {
	const script = `
		require('n8n-workflow');
		for (const file of ${JSON.stringify(files.map((file) => path.join(PACKAGE_DIR, file)))}) require(file);
		const dist = ${JSON.stringify(path.join(PACKAGE_DIR, 'dist') + path.sep)};
		process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((file) => file.startsWith(dist)).map((file) => file.slice(dist.length))));`;
	return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: PACKAGE_DIR, encoding: 'utf8' })) as string[];
}

test('n8n, loading the package from dist, gets each action node’s parameters exactly as its operations describe them', async () => {
	const { nodeTypes } = await loadPackage();
	for (const entry of SERVICES) {
		const loaded = nodeTypes.getByNameAndVersion(entry.nodeType, 1);
		expect(loaded.description.properties).toEqual(describeOperations(entry.actions));
	}
});

test('the build wrote every action node’s parameters next to it', () => {
	for (const entry of SERVICES) {
		const file = pkg.n8n.nodes.find((node) => node.toLowerCase().endsWith(`/${entry.nodeType.replace(`${PACKAGE_NAME}.`, '').toLowerCase()}.node.js`))!;
		expect(existsSync(path.join(PACKAGE_DIR, file.replace(/\.node\.js$/, '.properties.json')))).toBe(true);
	}
});

test('loading every node and credential loads no operation, no runner and no action node’s zod schemas: those load when a node runs', () => {
	const loaded = modulesLoadedBy([...pkg.n8n.nodes, ...pkg.n8n.credentials]);
	expect(loaded.filter((file) => file.includes('/actions/'))).toEqual([]);
	expect(loaded).not.toContain('nodes/shared/runner.js');
	expect(loaded).not.toContain('nodes/shared/operation.js');
	for (const service of ['Sobot', 'TelSpiel', 'ServicePattern']) expect(loaded).not.toContain(`nodes/${service}/schemas.js`);
});

test('running a node loads its operations then', () => {
	const script = `
		const { Sobot } = require(${JSON.stringify(path.join(PACKAGE_DIR, 'dist/nodes/Sobot/Sobot.node.js'))});
		const context = { getInputData: () => [], getNodeParameter: (name) => ({ resource: 'customer', operation: 'find' })[name] };
		new Sobot().execute.call(context).catch(() => undefined).finally(() =>
			process.stdout.write(String(Object.keys(require.cache).some((file) => file.endsWith('/dist/nodes/Sobot/actions/customer/find.js')))));`;
	expect(execFileSync(process.execPath, ['-e', script], { cwd: PACKAGE_DIR, encoding: 'utf8' })).toBe('true');
});
