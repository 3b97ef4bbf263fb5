/**
 * docs/sources.md, read for the citation tests: the ids of its entries (`### <id>` headings outside
 * code fences) and each entry's text, and the `sources.md#<id>` citations in a text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const SOURCES_FILE = path.join(ROOT, 'docs/sources.md');

/** Each entry's id and its text (its heading down to the next heading). */
export function sourceEntries(text = readFileSync(SOURCES_FILE, 'utf8')): Map<string, string> {
	const entries = new Map<string, string>();
	let fenced = false;
	let current: string | undefined;
	for (const line of text.split('\n')) {
		if (line.startsWith('```')) fenced = !fenced;
		if (fenced) continue;
		const heading = /^(#{1,6}) (.*)$/.exec(line);
		if (heading) {
			current = heading[1] === '###' ? heading[2].trim() : undefined;
			if (current !== undefined) entries.set(current, '');
			continue;
		}
		if (current !== undefined) entries.set(current, `${entries.get(current)}${line}\n`);
	}
	return entries;
}

/** The ids a text cites as `sources.md#<id>` (also `docs/sources.md#<id>`). */
export function citedIds(text: string): string[] {
	return [...text.matchAll(/sources\.md#([A-Za-z0-9_*-]+)/g)].map((match) => match[1]);
}

/** A citation of what lives outside the repository: "seed 004 l.322", "sheet §7", "§3.2", "sheet X1", ../shared/api. */
export const OUTSIDE = /\bseed \d{3}\b|\bsheets? (§|[A-Z]\d)|§\s?\d|shared\/(api|seeds)\//i;
