/**
 * The sandbox is our reading of the documentation, so every route it answers says where that reading
 * comes from: a docs/sources.md entry (`sources.md#<id>`, the vendor's address and the quoted sentence),
 * or plainly that it is a guess or the sandbox's own. A seed line or an API sheet section is no source
 * here: a maintainer of this repository cannot open either. The next misreading is then one search away.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OUTSIDE, citedIds, sourceEntries } from '../harness/sources';

const SANDBOX = path.resolve(__dirname, '../../sandbox');
const EMULATORS = ['telspiel.ts', 'sobot.ts', 'hover.ts', 'servicepattern.ts', 'haptik.ts', 'model.ts', 'main.ts'];
const ENTRIES = new Set(sourceEntries().keys());

/** A line that picks a route: a path test or a `case` of a path switch. */
const ROUTE = /^\s*(if \(\(?(path|url\.pathname|new URL\(request\.path|\(match = path|\(m = \/)|case '\/)/;
/** Where no document speaks, the comment says so. */
const NO_DOCUMENT = /guess|the sandbox's own|not any service's/i;

/**
 * A comment line names a source: entries of docs/sources.md that all exist, or no document at all. A
 * line that still cites a seed line or a sheet section names none, whatever else it says.
 */
function namesSource(comment: string, entries: Set<string>): boolean {
	if (OUTSIDE.test(comment)) return false;
	const ids = citedIds(comment);
	if (ids.length > 0) return ids.every((id) => entries.has(id));
	return NO_DOCUMENT.test(comment);
}

function routesWithoutSource(file: string, text = readFileSync(path.join(SANDBOX, file), 'utf8'), entries = ENTRIES): string[] {
	const lines = text.split('\n');
	const missing: string[] = [];
	lines.forEach((line, index) => {
		if (!ROUTE.test(line)) return;
		// The comment block right above the route (a `case` may share the comment of the cases above it).
		for (let i = index - 1; i >= 0; i--) {
			const text = lines[i].trim();
			if (text.startsWith('//') || text.startsWith('*') || text.startsWith('/*')) {
				if (namesSource(text, entries)) return;
			} else if (text.startsWith('case ') || text.startsWith('return ') || text === '') continue;
			else break;
		}
		missing.push(`${file}:${index + 1}: ${line.trim()}`);
	});
	return missing;
}

test.each(EMULATORS)('every route of sandbox/%s cites a docs/sources.md entry, or says it is a guess', (file) => {
	expect(routesWithoutSource(file)).toEqual([]);
});

test('the check finds a route without a source, with a seed line, a sheet section or an unknown entry (even beside a guess), and accepts a known entry or a guess', () => {
	const entries = new Set(['hover-actions-api']);
	const cite = (id: string) => `sources.md#${id}`;
	const bare = [
		'\tconst x = 1;',
		"\tif (path === '/nowhere') return { body: {} };",
		'\t// List actions: sheet §3.1.',
		"\tif (path === '/sheet') return { body: {} };",
		'\t// One endpoint (seed 003, lines 57–77). Any other path: a guess.',
		"\tif (path === '/seed') return { body: {} };",
		`\t// List actions: ${cite('hover-no-such-entry')}; the 404 is a guess.`,
		"\tif (path === '/unknown') return { body: {} };",
		'\tswitch (p) {',
		"\t\tcase '/a':",
		'\t\t\treturn 1;',
	].join('\n');
	expect(routesWithoutSource('probe.ts', bare, entries)).toEqual([
		"probe.ts:2: if (path === '/nowhere') return { body: {} };",
		"probe.ts:4: if (path === '/sheet') return { body: {} };",
		"probe.ts:6: if (path === '/seed') return { body: {} };",
		"probe.ts:8: if (path === '/unknown') return { body: {} };",
		"probe.ts:10: case '/a':",
	]);
	const cited = [`\t// List actions: ${cite('hover-actions-api')}.`, "\tif (path === '/actions') return { body: {} };", '\t// A guess.', "\tcase '/a':", "\tcase '/b':"].join('\n');
	expect(routesWithoutSource('probe.ts', cited, entries)).toEqual([]);
});
