/**
 * docs/ is generated (scripts/reference-docs.ts). This fails when a page or schema no longer matches
 * the code; `npm run docs` writes them again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { EXAMPLES, SERVICES } from '../harness/operations';
import { masked } from '../../scripts/reference-docs';
import { generateDocs } from '../harness/capture';

const ROOT = path.resolve(__dirname, '../..');
const UPDATE = process.env.UPDATE_DOCS === '1';

function listed(dir: string): string[] {
	const absolute = path.join(ROOT, dir);
	if (!existsSync(absolute)) return [];
	return readdirSync(absolute, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

test('every operation has exactly one example, and the examples name real operations', () => {
	const all = SERVICES.flatMap((entry) => entry.actions.operations.map((op) => `${entry.key} ${op.resource}.${op.value}`)).sort();
	expect(EXAMPLES.map((e) => `${e.service} ${e.resource}.${e.operation}`).sort()).toEqual(all);
});

test('masking hides secrets and pins times near now, and leaves other values alone', () => {
	const now = Date.UTC(2026, 0, 10, 12);
	expect(masked('token: tok-3-abc123 Authorization: eyJhbGciOi.eyJuIjox.sig1 at 1768046400 or 1768046400123, 2026-01-10T11:00:00.000Z', now)).toBe(
		'token: <token> Authorization: <JWT> at 1795428000 or 1795428000000, 2026-11-23T10:00:00.000Z',
	);
	expect(masked('id 1234567890 and 2020-01-01T00:00:00Z', now)).toBe('id 1234567890 and 2020-01-01T00:00:00Z');
});

test('docs/ matches what the operation definitions generate (run `npm run docs` after changing them)', async () => {
	const files = await generateDocs();
	if (UPDATE) {
		for (const dir of ['docs/reference', 'docs/schemas']) rmSync(path.join(ROOT, dir), { recursive: true, force: true });
		for (const [file, content] of files) {
			mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
			writeFileSync(path.join(ROOT, file), content);
		}
	}
	const onDisk = [...listed('docs/reference'), ...listed('docs/schemas')].sort();
	expect(onDisk).toEqual([...files.keys()].sort());
	const stale = [...files].filter(([file, content]) => readFileSync(path.join(ROOT, file), 'utf8') !== content).map(([file]) => file);
	expect(stale).toEqual([]);
}, 120_000);
