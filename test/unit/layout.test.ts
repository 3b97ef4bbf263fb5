/**
 * Every service folder has the same shape (docs/add-a-service.md): one operation per file under
 * actions/<resource>/, named like the operation; triggers and methods/ reach the service through
 * its service module, never through the operations. Every service is one entry of the registry
 * (scripts/services.json), and nothing else lists the services.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { SERVICES } from '../harness/operations';
import { credentialData, signInHints } from '../../sandbox/accounts';
import { EMULATED, OWN_EMULATORS } from '../../sandbox/main';
import { SERVICE_REGISTRY, credentialFile, n8nManifest, nodeFiles } from '../../scripts/services';
import type { RegisteredService } from '../../scripts/services';

const ROOT = path.resolve(__dirname, '../..');
const NODES = path.join(ROOT, 'nodes');
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
	const entry = SERVICES.find((candidate) => candidate.registered.folder === folder)!;
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

// ---- the registry -------------------------------------------------------------------------------

const byKey = (entry: RegisteredService) => entry.key;

test('every folder under nodes/ and every credential is one registry entry, and the reverse', () => {
	expect(SERVICE_REGISTRY.map((entry) => entry.folder).sort()).toEqual([...SERVICE_FOLDERS].sort());
	expect(SERVICE_REGISTRY.map(credentialFile).sort()).toEqual(readdirSync(path.join(ROOT, 'credentials')).map((name) => `credentials/${name}`).sort());
	expect(new Set(SERVICE_REGISTRY.map(byKey)).size).toBe(SERVICE_REGISTRY.length);
});

test.each(SERVICE_REGISTRY.map((entry) => [entry.key, entry] as const))('%s brings what the registry says: nodes, credential, sandbox module', (_key, entry) => {
	const brought = [...nodeFiles(entry), credentialFile(entry), `sandbox/${entry.sandbox}.ts`];
	expect(brought.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
	const triggers = readdirSync(path.join(NODES, entry.folder)).filter((name) => /Trigger\.node\.ts$/.test(name));
	expect(triggers.sort()).toEqual(entry.triggers.map((name) => `${name}.node.ts`).sort());
	const service = SERVICES.find((candidate) => candidate.key === entry.key)!;
	expect([service.service.credentialType, service.credential.name]).toEqual([entry.credentialType, entry.credentialType]);
});

test("package.json's n8n.nodes and n8n.credentials are what the registry generates", () => {
	const { n8n } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	expect({ nodes: n8n.nodes, credentials: n8n.credentials }).toEqual(n8nManifest());
});

test('the per-service tables of the sandbox have exactly the registered services', () => {
	expect([...EMULATED].sort()).toEqual([...SERVICE_REGISTRY.map((entry) => entry.sandbox), ...OWN_EMULATORS].sort());
	expect(Object.keys(signInHints).sort()).toEqual(SERVICE_REGISTRY.map(byKey).sort());
	const data = credentialData(() => 'http://sandbox');
	expect(SERVICE_REGISTRY.filter((entry) => !(entry.credentialType in data)).map(byKey)).toEqual([]);
});

/**
 * "Names a service list": names what two or more services bring (a vendor package, a credential
 * file, a node folder, a sandbox credential id, a sandbox module). Only the registry may; the
 * files below hold what is each service's own (accounts, emulators), in tables the tests above
 * hold to the registry.
 */
const PER_SERVICE_TABLES = ['sandbox/accounts.ts', 'sandbox/main.ts'];
const SCANNED = ['scripts', 'sandbox', 'test/harness', 'test/live', 'bench'];

test('nothing outside the registry names a service list', () => {
	const files = SCANNED.flatMap((dir) =>
		readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile() && /\.(ts|mjs|cjs|js|json)$/.test(entry.name))
			.map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
	).filter((file) => file !== 'scripts/services.json' && !PER_SERVICE_TABLES.includes(file));
	const marks = (entry: RegisteredService) => [
		entry.vendorPackage.name,
		`${entry.credential}.credentials`,
		`nodes/${entry.folder}/`,
		entry.sandboxCredential.id,
		`from './${entry.sandbox}'`,
	];
	const lists = files
		.map((file) => {
			const text = readFileSync(path.join(ROOT, file), 'utf8');
			return { file, services: SERVICE_REGISTRY.filter((entry) => marks(entry).some((mark) => text.includes(mark))).map(byKey) };
		})
		.filter(({ services }) => services.length > 1);
	expect(lists).toEqual([]);
});

test('docs/add-a-service.md explains every field of a registry entry', () => {
	const page = readFileSync(path.join(ROOT, 'docs', 'add-a-service.md'), 'utf8');
	const fields = [...new Set(SERVICE_REGISTRY.flatMap((entry) => Object.keys(entry)))];
	expect(fields.filter((field) => !page.includes(`\`${field}\``))).toEqual([]);
});

// ---- one module style ---------------------------------------------------------------------------

/** Not the project's own files: installed packages, build output, git, npm start's n8n folder. */
const NOT_OURS = new Set(['node_modules', '.git', 'build', 'dist', 'coverage', '.n8n-dev']);

function projectFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const at = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' || (dir === ROOT && NOT_OURS.has(entry.name)) ? [] : projectFiles(at);
		return [path.relative(ROOT, at).split(path.sep).join('/')];
	});
}

test('scripts and configs are CommonJS: no .mjs file in the project (docs/add-a-service.md, "Scripts are CommonJS")', () => {
	const files = projectFiles(ROOT);
	expect(files).toContain('scripts/start.cjs');
	expect(files.filter((file) => file.endsWith('.mjs'))).toEqual([]);
});
