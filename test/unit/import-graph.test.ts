/**
 * No circle in the import graph of what ships to n8n (nodes/ and credentials/): every
 * `import`/`export … from`, `require(…)` and `import(…)` of a relative path. Lazy requires count (they
 * run too, only later), and so do type imports: a module that needs another's types to be understood
 * depends on it, and the circle issue 25 names (the ServicePattern client and its conversation
 * module) was one lazy require one way and one type import back.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

const sources = ['nodes', 'credentials'].flatMap((dir) =>
	readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
);

const SPECIFIERS = [
	/^\s*import\s+[^;]*?from\s+'(\.{1,2}\/[^']+)'/gm,
	/^\s*export\s+[^;]*?from\s+'(\.{1,2}\/[^']+)'/gm,
	/\brequire\('(\.{1,2}\/[^']+)'\)/g,
	/\bimport\('(\.{1,2}\/[^']+)'\)/g,
];

/** The relative modules a source file imports, as repository paths. */
export function importsOf(file: string, source: string): string[] {
	const targets = SPECIFIERS.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]));
	return [...new Set(targets)].flatMap((target) => {
		const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
		// JSON files import nothing; a module is a file or a folder's index.
		const found = [base, `${base}.ts`, `${base}/index.ts`].find((candidate) => candidate.endsWith('.ts') && existsSync(path.join(ROOT, candidate)));
		return found ? [found] : [];
	});
}

/** Every circle, each as the files along it, first file repeated at the end. */
export function cycles(graph: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const trail: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		trail.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') found.push([...trail.slice(trail.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		trail.pop();
		state.set(file, 'done');
	};
	for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
	return found;
}

const graph = new Map(sources.map((file) => [file, importsOf(file, readFileSync(path.join(ROOT, file), 'utf8'))]));

test('the walk sees the imports: the ServicePattern client loads its events module and, lazily, its schemas', () => {
	expect(graph.get('nodes/ServicePattern/client.ts')).toEqual(expect.arrayContaining(['nodes/ServicePattern/events.ts', 'nodes/ServicePattern/schemas.ts', 'nodes/shared/errors.ts']));
	expect(graph.get('nodes/ServicePattern/conversation.ts')).toContain('nodes/ServicePattern/client.ts');
	expect(graph.get('nodes/ServicePattern/client.ts')).not.toContain('nodes/ServicePattern/conversation.ts');
});

test('a circle is found, through lazy requires and type imports alike', () => {
	expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
	expect(importsOf('nodes/ServicePattern/client.ts', "const x = whenNeeded(() => require('./conversation') as typeof import('./conversation'));")).toEqual(['nodes/ServicePattern/conversation.ts']);
	expect(importsOf('nodes/ServicePattern/conversation.ts', "import type { ServicePatternClient } from './client';")).toEqual(['nodes/ServicePattern/client.ts']);
});

test('nodes/ and credentials/ import no circle', () => {
	expect(cycles(graph)).toEqual([]);
});
