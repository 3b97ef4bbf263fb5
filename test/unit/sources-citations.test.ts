/**
 * docs/sources.md is where the package's sources live (issue 23): code, sandbox, scripts and tests cite
 * its entries as `sources.md#<id>`. Every such citation must open an entry, the code must not fall back
 * on what a maintainer of this repository cannot open (a seed line, an API sheet section, a path under
 * ../shared/), and every entry must be cited somewhere, or say why not (a `- Not cited:` line).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OUTSIDE, ROOT, citedIds, sourceEntries } from '../harness/sources';

const CITING = ['nodes', 'credentials', 'sandbox', 'scripts', 'test'];
/** The citation tests and their helper, whose probes quote the citations they refuse. */
const PROBES = ['test/unit/sources-citations.test.ts', 'test/unit/sandbox-sources.test.ts', 'test/harness/sources.ts'];
const TEXT = /\.(ts|js|cjs|mjs|json|md)$/;

/** The repository's files (tracked and not ignored) under the given folders. */
function files(folders: string[]): string[] {
	const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...folders], { cwd: ROOT, encoding: 'utf8' });
	return out.split('\n').filter((file) => file && TEXT.test(file));
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** `file:line: id` for each `sources.md#<id>` whose id is not an entry. */
function unresolved(texts: Array<[string, string]>, entries: Set<string>): string[] {
	const bad: string[] = [];
	for (const [file, text] of texts) {
		text.split('\n').forEach((line, index) => {
			for (const id of citedIds(line)) if (!entries.has(id)) bad.push(`${file}:${index + 1}: sources.md#${id}`);
		});
	}
	return bad;
}


function outsideCitations(texts: Array<[string, string]>): string[] {
	const bad: string[] = [];
	for (const [file, text] of texts) {
		text.split('\n').forEach((line, index) => {
			if (OUTSIDE.test(line)) bad.push(`${file}:${index + 1}: ${line.trim()}`);
		});
	}
	return bad;
}

/** The ids no file outside docs/sources.md cites, unless the entry says why with `- Not cited:`. */
function uncited(entries: Map<string, string>, texts: string[]): string[] {
	const cited = new Set(texts.flatMap(citedIds));
	return [...entries].filter(([id, body]) => !cited.has(id) && !/^- Not cited:/m.test(body)).map(([id]) => id);
}

const ENTRIES = sourceEntries();

test('docs/sources.md has entries, each with an address, a quote and what uses it', () => {
	expect(ENTRIES.size).toBeGreaterThan(50);
	const incomplete = [...ENTRIES].filter(([, body]) => !/^- Address: \S/m.test(body) || !/^- Quote: \S/m.test(body) || !/^- Used by: \S/m.test(body)).map(([id]) => id);
	expect(incomplete).toEqual([]);
});

test('every sources.md#<id> cited in nodes/, credentials/, sandbox/, scripts/ and test/ is an entry of docs/sources.md', () => {
	const texts = files(CITING).map((file): [string, string] => [file, read(file)]);
	expect(texts.filter(([, text]) => citedIds(text).length > 0).length).toBeGreaterThan(20);
	expect(unresolved(texts, new Set(ENTRIES.keys()))).toEqual([]);
});

test('the check finds a citation of an entry that does not exist', () => {
	const cite = (id: string) => `sources.md#${id}`;
	const probe = `// Sign-in: ${cite('haptik-tract-token-issue')}.\n// Made up: ${cite('haptik-no-such-entry')}, also ${cite('haptik-tract-')}.`;
	expect(unresolved([['probe.ts', probe]], new Set(ENTRIES.keys()))).toEqual([
		`probe.ts:2: ${cite('haptik-no-such-entry')}`,
		`probe.ts:2: ${cite('haptik-tract-')}`,
	]);
});

test('no comment in nodes/, credentials/, sandbox/, scripts/ or test/ cites a seed line, a sheet section or ../shared/', () => {
	const texts = files(CITING).filter((file) => !PROBES.includes(file));
	expect(outsideCitations(texts.map((file): [string, string] => [file, read(file)]))).toEqual([]);
});

test('the check finds seed lines and sheet sections, and lets the word "seed" alone', () => {
	const probe = [
		'// Numeric (seed 003, lines 69–70).',
		'// tenantUrl on every request (sheet §1).',
		'// field_status 0 is a deleted field (sheet X1).',
		'// Unknown chat: 404 (§3.6, §3.8).',
		'// as ../shared/api/haptik.md reads it',
		'const seed = hash(value); // a random seed',
	].join('\n');
	expect(outsideCitations([['probe.ts', probe]]).map((line) => line.split(':')[1])).toEqual(['1', '2', '3', '4', '5']);
});

test('every entry of docs/sources.md is cited somewhere in the repository, or says why not', () => {
	const texts = files(['.']).filter((file) => file !== 'docs/sources.md').map(read);
	expect(uncited(ENTRIES, texts)).toEqual([]);
	const probe = new Map([
		['cited-entry', '- Used by: x\n'],
		['lonely-entry', '- Used by: nothing\n'],
		['explained-entry', '- Not cited: kept for the next operation\n'],
	]);
	expect(uncited(probe, [`see sources.md#${'cited-entry'}`])).toEqual(['lonely-entry']);
});
