/**
 * Every output the README and the docs pages show is what the node outputs: each ```json block is
 * marked with where it comes from, and is checked against it:
 *   <!-- output: reference/<service>.md#<operation> -->  the first item of that operation's "Example
 *       output" in docs/reference, which test/docs regenerates from real runs through n8n's engine;
 *   <!-- output: hover transaction -->  the Hover Trigger's item: what toTransaction makes of a webhook's
 *       transaction, and valid for its output schema;
 *   <!-- not an output -->  anything else (a credentials file, a request).
 * A shown block may leave things out (it is a subset) and may write "…" for any value, or end a string
 * with "…"; every key and every other value it shows must be the real one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { slug } from './links';

const ROOT = path.resolve(__dirname, '../..');
const PAGES = ['README.md', ...['telspiel', 'sobot', 'hover', 'servicepattern', 'haptik', 'ai-agents', 'scaling', 'development', 'npm-start'].map((name) => `docs/${name}.md`)];

interface Block {
	file: string;
	line: number;
	marker: string | undefined;
	json: string;
}

function jsonBlocks(file: string): Block[] {
	const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
	const blocks: Block[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].trim() !== '```json') continue;
		const end = lines.indexOf('```', i + 1);
		const marker = lines
			.slice(Math.max(0, i - 2), i)
			.reverse()
			.map((line) => line.match(/^<!-- (output: .*|not an output) -->$/)?.[1])
			.find(Boolean);
		blocks.push({ file, line: i + 1, marker, json: lines.slice(i + 1, end).join('\n') });
		i = end;
	}
	return blocks;
}

/** The first item of the "Example output" of a reference section, e.g. reference/sobot.md#customer-find. */
function referenceOutput(target: string): unknown {
	const [file, anchor] = target.split('#');
	const lines = readFileSync(path.join(ROOT, 'docs', file), 'utf8').split('\n');
	const start = lines.findIndex((line) => /^#{2,3} /.test(line) && slug(line.replace(/^#+ /, '').replace(/`/g, '')) === anchor);
	if (start < 0) throw new Error(`docs/${file} has no section #${anchor}`);
	const output = lines.findIndex((line, i) => i > start && line === '#### Example output');
	const open = lines.indexOf('```json', output);
	const parsed = JSON.parse(lines.slice(open + 1, lines.indexOf('```', open + 1)).join('\n')) as unknown;
	return Array.isArray(parsed) ? parsed[0] : parsed;
}

/** Where `shown` differs from `actual`: paths of keys it invents and of values that are not the real ones. */
function differences(shown: unknown, actual: unknown, at = '$'): string[] {
	if (shown === '…') return [];
	if (typeof shown === 'string' && shown.endsWith('…')) return typeof actual === 'string' && actual.startsWith(shown.slice(0, -1)) ? [] : [`${at}: shown ${JSON.stringify(shown)}, is ${JSON.stringify(actual)}`];
	if (Array.isArray(shown)) {
		if (!Array.isArray(actual)) return [`${at}: shown a list, is ${JSON.stringify(actual)}`];
		return shown.flatMap((item, index) => differences(item, actual[index], `${at}[${index}]`));
	}
	if (shown && typeof shown === 'object') {
		if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: shown an object, is ${JSON.stringify(actual)}`];
		return Object.entries(shown).flatMap(([key, value]) => (key === '…' ? [] : key in actual ? differences(value, (actual as Record<string, unknown>)[key], `${at}.${key}`) : [`${at}.${key}: not in the output`]));
	}
	return shown === actual ? [] : [`${at}: shown ${JSON.stringify(shown)}, is ${JSON.stringify(actual)}`];
}

function hoverTransactionProblems(shown: Record<string, unknown>): string[] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const schemas = require(path.join(ROOT, 'dist/nodes/Hover/schemas.js')) as {
		toTransaction(raw: { id: string; attributes: Record<string, unknown> }): Record<string, unknown>;
		transaction: { safeParse(value: unknown): { success: boolean; error?: unknown } };
	};
	const keys = Object.keys(schemas.toTransaction({ id: 'x', attributes: {} }));
	const invented = Object.keys(shown).filter((key) => !keys.includes(key)).map((key) => `$.${key}: not in the output`);
	const parsed = schemas.transaction.safeParse(shown);
	return [...invented, ...(parsed.success ? [] : [`does not fit the output schema: ${String(parsed.error)}`])];
}

function problems(block: Block): string[] {
	if (!block.marker) return ['no <!-- output: … --> or <!-- not an output --> marker above it'];
	if (block.marker === 'not an output') return [];
	const shown = JSON.parse(block.json) as Record<string, unknown>;
	const source = block.marker.slice('output: '.length);
	if (source === 'hover transaction') return hoverTransactionProblems(shown);
	if (source.startsWith('reference/')) return differences(shown, referenceOutput(source));
	return [`unknown source ${source}`];
}

const blocks = PAGES.flatMap(jsonBlocks);

test('the checker finds an output that is not the real one', () => {
	const actual = { found: true, customFields: [{ id: 'f-plan', name: 'Plan', value: 'Enterprise' }], customFieldsByName: { Plan: 'Enterprise' } };
	expect(differences({ found: true, customFields: { Plan: 'Enterprise' } }, actual)).toEqual(['$.customFields: shown an object, is [{"id":"f-plan","name":"Plan","value":"Enterprise"}]']);
	expect(differences({ found: true, customFieldsByName: { Plan: 'Enterprise' }, customFields: [{ name: 'Pl…', '…': '…' }] }, actual)).toEqual([]);
	expect(differences({ plan: 'Enterprise' }, actual)).toEqual(['$.plan: not in the output']);
	expect(hoverTransactionProblems({ id: 'x', parsedVariables: {}, inputExtras: {}, smsHits: [], smsMisses: [], sessionMessages: [], attributes: {}, balance: '1' })).toEqual(['$.balance: not in the output']);
});

test('every output shown in the README and the docs pages is the node’s real output', () => {
	expect(blocks.filter((block) => block.marker?.startsWith('output')).length).toBeGreaterThanOrEqual(4);
	const wrong = blocks.flatMap((block) => problems(block).map((problem) => `${block.file}:${block.line}: ${problem}`));
	expect(wrong).toEqual([]);
});
