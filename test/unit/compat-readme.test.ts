/**
 * The README's compatibility table is what `npm run test:compat -- --all` measured
 * (docs/compatibility.json), for the matrix as it stands, and package.json states the same range.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const table = require('../../scripts/compat-table.cjs') as {
	renderSection(results: Results): string;
	currentSection(readme: string): string | undefined;
	outcomeOf(checks: Check[]): string;
};

interface Check {
	column: string;
	name: string;
	ok: boolean;
	detail: string;
}
interface Entry {
	version: string;
	role: string;
	expect: string;
	outcome: string;
	ends?: boolean;
	checks: Check[];
}
interface Results {
	measured: string;
	command: string;
	versions: Entry[];
}

const json = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
const results = json('docs/compatibility.json') as Results;
const matrix = json('scripts/compat-matrix.json') as { versions: Entry[] };
const pkg = json('package.json') as { engines: Record<string, string>; peerDependencies: Record<string, string> };
const semver = (version: string) => version.split('.').map(Number);
const byVersion = (a: string, b: string) => {
	const [x, y] = [semver(a), semver(b)];
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

test('the README shows what the last full run measured, for the matrix as it stands', () => {
	expect(results.command).toBe('npm run test:compat -- --all');
	expect(table.currentSection(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))).toBe(table.renderSection(results));
	expect(results.versions.map(({ version, role, expect }) => ({ version, role, expect }))).toEqual(matrix.versions.map(({ version, role, expect }) => ({ version, role, expect })));
});

test('every version came out as the matrix states, and its outcome is its checks’', () => {
	for (const entry of results.versions) {
		expect([entry.version, entry.outcome]).toEqual([entry.version, entry.expect]);
		if (entry.outcome !== 'not installable') expect([entry.version, table.outcomeOf(entry.checks)]).toEqual([entry.version, entry.outcome]);
		// A supported version passed every column.
		if (entry.outcome === 'pass') expect(new Set(entry.checks.map((check) => check.column))).toEqual(new Set(['load', 'credentials', 'examples', 'triggers', 'ai']));
	}
});

test('package.json states the measured range: from the oldest version that passed; n8n-workflow stays "*" as n8n’s scanner requires', () => {
	const passed = results.versions.filter((entry) => entry.outcome === 'pass').map((entry) => entry.version).sort(byVersion);
	expect(pkg.engines.n8n).toBe(`>=${passed[0]}`);
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	// No version below the oldest that passed is claimed, and every failure below it is explained.
	for (const entry of results.versions.filter((e) => byVersion(e.version, passed[0]) < 0)) expect(entry.outcome).toBe('fail');
});

test('CI runs the two ends: the newest and the oldest version that passed', () => {
	const passed = results.versions.filter((entry) => entry.outcome === 'pass').map((entry) => entry.version).sort(byVersion);
	const ends = matrix.versions.filter((entry) => entry.ends).map((entry) => entry.version).sort(byVersion);
	expect(ends).toEqual([passed[0], passed[passed.length - 1]]);
	expect(readFileSync(path.join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm run test:compat$/m);
});
