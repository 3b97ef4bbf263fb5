/**
 * docs/live.md's tables are generated from the live plan and the credentials (test/live/docs.ts):
 * this fails when they no longer match; `npm run docs` (or UPDATE_DOCS=1 on this file) writes them again.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { loadPackage } from '../harness/package';
import { BEGIN, END, liveDocsTables } from '../live/docs';

const PAGE = path.resolve(__dirname, '../../docs/live.md');

test('docs/live.md lists every service’s variables and what each operation does in a live run', async () => {
	const { credentialTypes } = await loadPackage();
	const page = readFileSync(PAGE, 'utf8');
	const [before, rest] = page.split(BEGIN);
	expect(rest).toBeDefined();
	const after = rest.slice(rest.indexOf(END) + END.length);
	const current = `${before}${liveDocsTables(credentialTypes)}${after}`;
	if (process.env.UPDATE_DOCS === '1') writeFileSync(PAGE, current);
	expect(readFileSync(PAGE, 'utf8')).toBe(current);
});
