/**
 * n8n's verification gate, as its community-package scanner runs it: the scanner's own analysis
 * (`analyzePackage` of @n8n/scan-community-package) over the source (package.json, nodes/,
 * credentials/) and over the unpacked `npm pack` tarball.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function scan(dir: string, leg: 'source' | 'tarball'): { passed: boolean; message: string; details: string } {
	// As the scanner runs (npx, a CLI): without jest's NODE_ENV=test, under which eslint-plugin-n8n-nodes-base
	// applies its node rules to every file.
	const { NODE_ENV: _testMode, ...env } = process.env;
	const output = execFileSync(process.execPath, [path.join(__dirname, 'scan-in-child.cjs'), dir, leg], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	return JSON.parse(output.trim().split('\n').pop()!);
}

let folder: string;
let unpacked: string;

beforeAll(() => {
	folder = mkdtempSync(path.join(tmpdir(), 'n8n-scan-'));
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ filename: string }>;
	unpacked = path.join(folder, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(folder, packed.filename), '-C', unpacked, '--strip-components=1']);
}, 60_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('the scanner passes the source', () => {
	const result = scan(ROOT, 'source');
	expect([result.passed, result.details]).toEqual([true, '']);
}, 60_000);

test('the scanner passes the unpacked tarball', () => {
	const result = scan(unpacked, 'tarball');
	expect([result.passed, result.details]).toEqual([true, '']);
}, 60_000);

test('the scanner fails a package with a violation of its rules (the check can fail)', () => {
	const broken = path.join(folder, 'broken');
	mkdirSync(path.join(broken, 'nodes'), { recursive: true });
	execFileSync('cp', [path.join(ROOT, 'package.json'), broken]);
	execFileSync('sh', ['-c', `printf '%s\\n' "export const p = { displayName: 'Limit', name: 'limit', type: 'number', default: 50, description: 'How many <b>' };" > nodes/Broken.node.ts`], { cwd: broken });
	const result = scan(broken, 'source');
	expect(result.passed).toBe(false);
	expect(result.details).toMatch(/unencoded-angle-brackets|wrong-for-limit/);
}, 60_000);
