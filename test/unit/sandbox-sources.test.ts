/**
 * The sandbox is our reading of the documentation, so every route it answers says where that reading
 * comes from: a seed line, a section of an API sheet, or plainly that it is a guess. The next
 * misreading is then one search away.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SANDBOX = path.resolve(__dirname, '../../sandbox');
const EMULATORS = ['telspiel.ts', 'sobot.ts', 'hover.ts', 'servicepattern.ts', 'haptik.ts', 'model.ts', 'main.ts'];

/** A line that picks a route: a path test or a `case` of a path switch. */
const ROUTE = /^\s*(if \(\(?(path|url\.pathname|new URL\(request\.path|\(match = path|\(m = \/)|case '\/)/;
const SOURCE = /sources\.md#[a-z0-9-]+|seed \d{3}|sheet|§|guess|the sandbox's own|not any service's/i;

function routesWithoutSource(file: string, text = readFileSync(path.join(SANDBOX, file), 'utf8')): string[] {
	const lines = text.split('\n');
	const missing: string[] = [];
	lines.forEach((line, index) => {
		if (!ROUTE.test(line)) return;
		// The comment block right above the route (a `case` may share the comment of the cases above it).
		const above: string[] = [];
		for (let i = index - 1; i >= 0; i--) {
			const text = lines[i].trim();
			if (text.startsWith('//') || text.startsWith('*') || text.startsWith('/*')) above.push(text);
			else if (text.startsWith('case ') || text.startsWith('return ') || text === '') continue;
			else break;
			if (SOURCE.test(text)) return;
		}
		missing.push(`${file}:${index + 1}: ${line.trim()}`);
	});
	return missing;
}

test.each(EMULATORS)('every route of sandbox/%s names its seed line or sheet section, or says it is a guess', (file) => {
	expect(routesWithoutSource(file)).toEqual([]);
});

test('the check finds a route without a source, and accepts one with', () => {
	const bare = ['\tconst x = 1;', "\tif (path === '/nowhere') return { body: {} };", '\tswitch (p) {', "\t\tcase '/a':", '\t\t\treturn 1;'].join('\n');
	expect(routesWithoutSource('probe.ts', bare)).toEqual(["probe.ts:2: if (path === '/nowhere') return { body: {} };", "probe.ts:4: case '/a':"]);
	const cited = ['\t// List actions: sheet §3.1.', "\tif (path === '/actions') return { body: {} };", '\t// A guess.', "\tcase '/a':", "\tcase '/b':"].join('\n');
	expect(routesWithoutSource('probe.ts', cited)).toEqual([]);
});
