/**
 * `npm run test:compat` itself can fail: with the project's own n8n (2.41, no install) it passes the
 * packed package's load and credential checks, and reports a package that n8n cannot load (a node
 * needing a module no n8n has, as the package needs `zod/v4`, which n8n before 1.100 lacks) as a
 * failed load with n8n's reason and the missing nodes, and exits non-zero. The matrix itself runs in `npm run
 * test:compat` (CI: the two ends), not here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const folder = mkdtempSync(path.join(tmpdir(), 'compat-test-'));

interface Run {
	status: number | null;
	output: string;
	results: { versions: Array<{ version: string; outcome: string; checks: Array<{ column: string; name: string; ok: boolean; detail: string }> }> };
}

function compat(tarball: string, only: string): Run {
	const results = path.join(folder, `results-${path.basename(tarball)}.json`);
	const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/compat.cjs'), `--n8n-root=${ROOT}`, '--versions=2.41.1', `--package=${tarball}`, `--only=${only}`, `--results=${results}`], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 280_000,
	});
	return { status: run.status, output: `${run.stdout}${run.stderr}`, results: JSON.parse(readFileSync(results, 'utf8')) };
}

let good: string;
let broken: string;

beforeAll(() => {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ filename: string }>;
	good = path.join(folder, packed.filename);
	// The same package with one node that needs what its n8n does not have.
	const unpacked = path.join(folder, 'broken');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', good, '-C', unpacked]);
	const hover = path.join(unpacked, 'package', 'dist', 'nodes', 'Hover', 'Hover.node.js');
	writeFileSync(hover, `require('zod/v5');\n${readFileSync(hover, 'utf8')}`);
	broken = path.join(folder, 'broken.tgz');
	execFileSync('tar', ['-czf', broken, '-C', unpacked, 'package']);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('with the packed package, n8n loads every node, AI-tool variant and credential, and every credential test passes', () => {
	const run = compat(good, 'load,credentials');
	const [version] = run.results.versions;
	expect([run.status, version.outcome]).toEqual([0, 'pass']);
	expect(version.checks.map((check) => [check.column, check.name, check.ok])).toEqual([
		['load', '9 nodes, 5 AI-tool variants, 5 credentials', true],
		...['telSpielApi', 'sobotApi', 'hoverApi', 'servicePatternApi', 'haptikApi'].map((type) => ['credentials', type, true]),
	]);
	expect(run.output).toMatch(/^compat: 1 passed, 0 failed$/m);
}, 300_000);

test('a package that n8n cannot load fails the load check with n8n’s reason and the missing nodes, and the run exits non-zero', () => {
	const run = compat(broken, 'load');
	const [version] = run.results.versions;
	expect([run.status, version.outcome]).toEqual([1, 'fail']);
	const [load] = version.checks;
	expect(load).toMatchObject({ column: 'load', ok: false });
	// n8n loads a package whole or not at all: it says why, and none of the nodes is there.
	expect(load.detail).toMatch(/^not loaded \(\d+\): .*\bhover\b.*\btelSpiel\b.*\bhoverTool\b/);
	expect(load.detail).toMatch(/; n8n logged: Failed to load package "n8n-nodes-contact-center" \| .*'\.\/v5'/);
	expect(run.output).toMatch(/^compat: 0 passed, 1 failed$/m);
	expect(run.output).toContain('2.41.1 fail (stated: pass)');
}, 300_000);
