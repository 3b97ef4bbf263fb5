/**
 * Every service folder has the same shape (docs/development.md, "How it is built"): one operation per file under
 * actions/<resource>/, named like the operation; triggers and methods/ reach the service through
 * its service module, never through the operations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { SERVICES } from '../harness/operations';

const NODES = path.resolve(__dirname, '../../nodes');
const SERVICE_FOLDERS = readdirSync(NODES, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && entry.name !== 'shared')
	.map((entry) => entry.name);

const filesIn = (dir: string) =>
	readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => path.join(entry.parentPath, entry.name));

test.each(SERVICE_FOLDERS)('%s has a node, a service module, a client, schemas and an operation list', (folder) => {
	const names = readdirSync(path.join(NODES, folder));
	expect(names).toEqual(expect.arrayContaining([`${folder}.node.ts`, 'service.ts', 'client.ts', 'schemas.ts', 'actions']));
	expect(readdirSync(path.join(NODES, folder, 'actions'))).toContain('index.ts');
});

test.each(SERVICE_FOLDERS)('every file under %s/actions/<resource>/ defines one operation, named like the file', (folder) => {
	const actions = path.join(NODES, folder, 'actions');
	const entry = SERVICES.find((candidate) => candidate.actions.service.credentialType.toLowerCase().startsWith(folder.toLowerCase()))!;
	const resources = readdirSync(actions, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
	const listed = new Set(entry.actions.operations);
	let files = 0;
	for (const resource of resources) {
		for (const file of readdirSync(path.join(actions, resource))) {
			files++;
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = Object.values(require(path.join(actions, resource, file)) as Record<string, unknown>);
			expect({ file: `${resource}/${file}`, exports: exported.length }).toEqual({ file: `${resource}/${file}`, exports: 1 });
			const operation = entry.actions.operations.find((candidate) => candidate === exported[0]);
			expect(operation && `${operation.resource}/${operation.value}.ts`).toBe(`${resource}/${file}`);
			listed.delete(operation!);
		}
	}
	expect(files).toBe(entry.actions.operations.length);
	expect([...listed]).toEqual([]);
});

test('no trigger and no methods/ file imports the operations', () => {
	const offenders = SERVICE_FOLDERS.flatMap((folder) =>
		filesIn(path.join(NODES, folder))
			.filter((file) => /Trigger\.node\.ts$/.test(file) || file.includes(`${path.sep}methods${path.sep}`))
			.filter((file) => /from '\.{1,2}\/(\.\.\/)?actions/.test(readFileSync(file, 'utf8'))),
	);
	expect(offenders).toEqual([]);
});
