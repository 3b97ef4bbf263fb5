/**
 * The packed package, installed where n8n keeps community packages, is loaded by real n8n: the n8n
 * CLI's own LoadNodesAndCredentials, in a separate Node 24 process, as n8n does at start-up for
 * every installed community package.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SERVICES } from '../harness/operations';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const n8nPkg = JSON.parse(readFileSync(require.resolve('n8n/package.json'), 'utf8'));

interface Loaded {
	zod: { resolvableBeforeN8n: boolean; importedBy: string[]; loadedFrom: string; version: string };
	nodes: Array<{ name: string; outputSchemas: Record<string, unknown>; usableAsTool: boolean; isTrigger: boolean; iconUrl: { light: string; dark: string }; codex: { categories: string[] }; sourcePath: string }>;
	credentials: Array<{ name: string; iconUrl: { light: string; dark: string }; hasTest: boolean; sourcePath: string }>;
	registeredTypes: string[];
}

let userFolder: string;
let packedFiles: string[];
let loaded: Loaded;
let installedManifest: { dependencies?: Record<string, string> };

beforeAll(() => {
	userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-user-'));
	const packDir = path.join(userFolder, 'pack');
	mkdirSync(packDir);
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
	) as Array<{ filename: string; files: Array<{ path: string }> }>;
	packedFiles = packed.files.map((file) => file.path);
	// The README's tarball route, command for command: npm install of the tarball in the user folder's nodes/.
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	execFileSync('npm', ['install', '--legacy-peer-deps', '--no-audit', '--no-fund', path.join(packDir, packed.filename)], { cwd: nodesDir, stdio: ['ignore', 'ignore', 'pipe'] });
	installedManifest = JSON.parse(readFileSync(path.join(nodesDir, 'package.json'), 'utf8'));

	const output = execFileSync(process.execPath, [path.join(__dirname, 'load-in-n8n.js'), userFolder, pkg.name], {
		encoding: 'utf8',
		// n8n refuses to load nodes under NODE_ENV=test; the vm expression engine needs a native module we do not build.
		env: { ...process.env, NODE_ENV: 'production', N8N_EXPRESSION_ENGINE: 'legacy', N8N_DIAGNOSTICS_ENABLED: 'false' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	loaded = (JSON.parse(output.trim().split('\n').pop()!) as Record<string, Loaded>)[pkg.name];
}, 120_000);

afterAll(() => rmSync(userFolder, { recursive: true, force: true }));

test('the README’s tarball route installs the package alone: no copy of n8n-workflow or anything else', () => {
	expect(Object.keys(installedManifest.dependencies ?? {})).toEqual([pkg.name]);
	expect(readdirSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([pkg.name]);
});

test('the tarball ships no source maps: error details point at files the package has', () => {
	expect(packedFiles.filter((file) => file.endsWith('.map'))).toEqual([]);
});

test('the tarball holds the built package only', () => {
	expect(packedFiles.every((file) => /^(dist\/|package\.json$|LICENSE$|README\.md$)/.test(file))).toBe(true);
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(packedFiles).toContain(file);
});

test('real n8n loads every node of the n8n section, with its icons and codex, and makes each action node an AI tool', () => {
	const sources = loaded.nodes.map((node) => node.sourcePath).sort();
	expect(sources).toEqual([...pkg.n8n.nodes].sort());
	for (const node of loaded.nodes) {
		expect(node.codex.categories).toContain('Communication');
		for (const icon of [node.iconUrl.light, node.iconUrl.dark]) {
			expect(packedFiles).toContain(icon.replace(`icons/${pkg.name}/`, ''));
		}
		expect(loaded.registeredTypes).toContain(`${pkg.name}.${node.name}`);
		// Triggers cannot be AI tools; every other node is one.
		expect(node.usableAsTool).toBe(!node.isTrigger);
		expect(loaded.registeredTypes.includes(`${pkg.name}.${node.name}Tool`)).toBe(!node.isTrigger);
	}
	expect(loaded.nodes.filter((node) => node.isTrigger).map((node) => node.name).sort()).toEqual(['haptikTrigger', 'hoverTrigger', 'servicePatternRelayTrigger', 'servicePatternTrigger']);
});

test('real n8n loads every credential of the n8n section, with its icons and a test', () => {
	expect(loaded.credentials.map((credential) => credential.sourcePath).sort()).toEqual([...pkg.n8n.credentials].sort());
	for (const credential of loaded.credentials) {
		expect(credential.hasTest).toBe(true);
		expect(packedFiles).toContain(credential.iconUrl.light.replace(`icons/${pkg.name}/`, ''));
		expect(packedFiles).toContain(credential.iconUrl.dark.replace(`icons/${pkg.name}/`, ''));
	}
});

test('zod is not shipped: the package cannot resolve it alone, and inside n8n it gets n8n’s own copy', () => {
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(loaded.zod.resolvableBeforeN8n).toBe(false);
	expect(loaded.zod.importedBy.length).toBeGreaterThan(0);
	expect(loaded.zod.version).toBe(n8nPkg.dependencies.zod);
});

test('real n8n finds every operation’s output schema where its own nodes keep theirs (__schema__), as the reference documents it', () => {
	for (const entry of SERVICES) {
		const node = loaded.nodes.find((candidate) => `${pkg.name}.${candidate.name}` === entry.nodeType)!;
		const documented = Object.fromEntries(
			entry.actions.operations.map((operation) => {
				const file = path.join(ROOT, 'docs', 'schemas', entry.key, `${operation.resource}.${operation.value}.output.json`);
				const { title, $schema, ...schema } = JSON.parse(readFileSync(file, 'utf8'));
				return [`${operation.resource}.${operation.value}`, schema];
			}),
		);
		expect([entry.key, node.outputSchemas]).toEqual([entry.key, documented]);
	}
});
