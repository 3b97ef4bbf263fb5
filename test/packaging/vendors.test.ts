/**
 * One package per vendor (scripts/vendor-packages.cjs), as n8n's verification asks: each packed
 * tarball passes the scanner, is loaded by real n8n with only its own vendor's nodes and credential,
 * and carries no other vendor's code; together they hold exactly what the combined package holds.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const combined = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const VENDOR_DIRS = ['Haptik', 'Hover', 'ServicePattern', 'Sobot', 'TelSpiel'];

interface Built {
	package: string;
	dir: string;
	path: string;
	tarball: string;
}
interface Unpacked extends Built {
	root: string;
	files: string[];
	manifest: { name: string; dependencies?: object; n8n: { nodes: string[]; credentials: string[] }; files: string[] };
}

let folder: string;
let vendors: Unpacked[];
let loaded: Record<string, { nodes: Array<{ name: string; outputSchemas: Record<string, unknown>; sourcePath: string; usableAsTool: boolean; isTrigger: boolean }>; credentials: Array<{ name: string; hasTest: boolean }>; registeredTypes: string[]; zod: { resolvableBeforeN8n: boolean; version: string } }>;

function filesUnder(dir: string, prefix = ''): string[] {
	return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(dir, path.posix.join(prefix, entry.name)) : [path.posix.join(prefix, entry.name)],
	);
}

beforeAll(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'n8n-vendors-'));
	const output = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'vendor-packages.cjs'), '--pack', '--out', path.join(folder, 'packages')], { cwd: ROOT, encoding: 'utf8' });
	const built = JSON.parse(output.trim().split('\n').pop()!) as Built[];
	vendors = built.map((vendor) => {
		const root = path.join(folder, 'unpacked', vendor.package);
		mkdirSync(root, { recursive: true });
		execFileSync('tar', ['-xzf', vendor.tarball, '-C', root, '--strip-components=1']);
		return { ...vendor, root, files: filesUnder(root).sort(), manifest: JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) };
	});

	// All four into one n8n user folder, the README's tarball route, then n8n's own loader.
	const userFolder = path.join(folder, 'user');
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	execFileSync('npm', ['install', '--legacy-peer-deps', '--no-audit', '--no-fund', ...vendors.map((vendor) => vendor.tarball)], { cwd: nodesDir, stdio: ['ignore', 'ignore', 'pipe'] });
	const loadOutput = execFileSync(process.execPath, [path.join(__dirname, 'load-in-n8n.js'), userFolder, ...vendors.map((vendor) => vendor.package)], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'production', N8N_EXPRESSION_ENGINE: 'legacy', N8N_DIAGNOSTICS_ENABLED: 'false' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	loaded = JSON.parse(loadOutput.trim().split('\n').pop()!);
}, 240_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('one package per vendor, named n8n-nodes-<vendor>, with no runtime dependencies', () => {
	expect(vendors.map((vendor) => [vendor.dir, vendor.package]).sort()).toEqual([
		['Haptik', 'n8n-nodes-haptik'],
		['Hover', 'n8n-nodes-hover'],
		['ServicePattern', 'n8n-nodes-servicepattern'],
		['Sobot', 'n8n-nodes-sobot'],
		['TelSpiel', 'n8n-nodes-telspiel'],
	]);
	for (const vendor of vendors) {
		expect(vendor.manifest.name).toBe(vendor.package);
		expect(vendor.manifest.dependencies).toBeUndefined();
	}
});

test('together they hold exactly the combined package’s nodes and credentials, each in one package', () => {
	const nodes = vendors.flatMap((vendor) => vendor.manifest.n8n.nodes).sort();
	const credentials = vendors.flatMap((vendor) => vendor.manifest.n8n.credentials).sort();
	expect(nodes).toEqual([...combined.n8n.nodes].sort());
	expect(credentials).toEqual([...combined.n8n.credentials].sort());
	for (const vendor of vendors) expect(vendor.manifest.n8n.credentials).toEqual([`dist/credentials/${vendor.dir}Api.credentials.js`]);
});

test('no package carries another vendor’s code, credential, icon or name in its code', () => {
	for (const vendor of vendors) {
		const others = VENDOR_DIRS.filter((dir) => dir !== vendor.dir);
		const foreign = vendor.files.filter((file) => others.some((other) => file.startsWith(`dist/nodes/${other}/`) || file.startsWith(`dist/credentials/${other}Api`)));
		expect([vendor.package, foreign]).toEqual([vendor.package, []]);
		for (const file of vendor.files.filter((name) => name.endsWith('.js'))) {
			const code = readFileSync(path.join(vendor.root, file), 'utf8');
			const named = others.filter((other) => code.includes(`${other[0].toLowerCase()}${other.slice(1)}Api`));
			expect([vendor.package, file, named]).toEqual([vendor.package, file, []]);
		}
	}
});

test('each tarball holds the built package, its README, licence and examples only', () => {
	for (const vendor of vendors) {
		expect(vendor.files.every((file) => /^(dist\/|examples\/[^/]+\.json$|package\.json$|LICENSE$|README\.md$)/.test(file))).toBe(true);
		expect(vendor.files.filter((file) => file.endsWith('.map') || file.endsWith('.ts'))).toEqual([]);
		for (const file of [...vendor.manifest.n8n.nodes, ...vendor.manifest.n8n.credentials]) expect(vendor.files).toContain(file);
	}
});

test('each README has install, credential and operations, examples and limits, from the vendor’s page in docs/', () => {
	for (const vendor of vendors) {
		const page = readFileSync(path.join(ROOT, 'docs', `${vendor.dir.toLowerCase()}.md`), 'utf8');
		const readme = readFileSync(path.join(vendor.root, 'README.md'), 'utf8');
		for (const heading of ['## Install', '## Credential and operations', '## Examples', '## Limits', '## License']) expect([vendor.package, readme.includes(`\n${heading}\n`)]).toEqual([vendor.package, true]);
		expect(readme).toContain(`Install**, package name \`${vendor.package}\``);
		// The credential table comes from the vendor's page in docs/, written once for both.
		const credentialTable = readme.match(/### .*credential\n\n(\| field[^]*?)\n\n/)?.[1];
		expect(credentialTable).toBeDefined();
		// Links differ only in where they point: the vendor README's open the repository on GitHub.
		const linkTexts = (text: string) => text.replace(/\]\([^)]*\)/g, ']()');
		expect(linkTexts(page)).toContain(linkTexts(credentialTable!));
		expect(readme).not.toMatch(/\]\((?!https?:|#|LICENSE\))/);
	}
});

test('the examples a vendor package ships use that package’s node types', () => {
	const names = vendors.map((vendor) => vendor.package);
	const telSpiel = vendors.find((vendor) => vendor.dir === 'TelSpiel')!;
	expect(telSpiel.files).toContain('examples/ivr-callback.json');
	for (const vendor of vendors) {
		for (const file of vendor.files.filter((name) => name.startsWith('examples/'))) {
			const types: string[] = JSON.parse(readFileSync(path.join(vendor.root, file), 'utf8')).nodes.map((node: { type: string }) => node.type);
			expect(types.filter((type) => type.startsWith(`${combined.name}.`))).toEqual([]);
			expect(types.some((type) => type.startsWith(`${vendor.package}.`))).toBe(true);
			// n8n's own nodes: the base nodes and the AI nodes (the agent, its models and memory).
			const others = types.filter((type) => !type.startsWith('n8n-nodes-base.') && !type.startsWith('@n8n/n8n-nodes-langchain.'));
			expect(others.every((type) => names.includes(type.split('.')[0]))).toBe(true);
		}
	}
});

test('the scanner passes every unpacked vendor tarball', () => {
	const { NODE_ENV: _testMode, ...env } = process.env;
	for (const vendor of vendors) {
		const output = execFileSync(process.execPath, [path.join(__dirname, 'scan-in-child.cjs'), vendor.root, 'tarball'], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		const result = JSON.parse(output.trim().split('\n').pop()!);
		expect([vendor.package, result.passed, result.details]).toEqual([vendor.package, true, '']);
	}
}, 240_000);

test('real n8n loads each vendor package with its own nodes, credential, tests and AI-tool variants', () => {
	for (const vendor of vendors) {
		const result = loaded[vendor.package];
		expect(result.nodes.map((node) => node.sourcePath).sort()).toEqual([...vendor.manifest.n8n.nodes].sort());
		expect(result.credentials).toHaveLength(1);
		expect(result.credentials[0].hasTest).toBe(true);
		for (const node of result.nodes) {
			expect(result.registeredTypes).toContain(`${vendor.package}.${node.name}`);
			expect(node.usableAsTool).toBe(!node.isTrigger);
			// Each operation's output schema (__schema__) travels with the node.
			const missing = Object.entries(node.outputSchemas).filter(([, schema]) => !schema).map(([operation]) => operation);
			expect([node.name, missing]).toEqual([node.name, []]);
			if (!node.isTrigger) expect(Object.keys(node.outputSchemas).length).toBeGreaterThan(0);
		}
		expect(result.zod.resolvableBeforeN8n).toBe(false);
	}
});
