/**
 * Every link a reader meets works: each relative link and #anchor in README.md and docs/**\/*.md
 * reaches a file that exists (and, in a markdown file, a heading with that anchor, by GitHub's slug
 * rules), and the docs links n8n shows in the editor (the codex files' documentation URLs, the
 * credentials' documentationUrl) open the page of that node or credential on the repository's main branch.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { anchorsOf, linksOf } from './links';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
const REPOSITORY = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const PAGES = `${REPOSITORY}/blob/main/`;
// Written by the add-a-service work (issue 25) on another branch; exempt only while it is not in this tree.
const PENDING = new Set(['docs/add-a-service.md']);

function markdownFiles(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
		const relative = path.posix.join(dir, name);
		if (statSync(path.join(ROOT, relative)).isDirectory()) return markdownFiles(relative);
		return name.endsWith('.md') ? [relative] : [];
	});
}

const anchorCache = new Map<string, Set<string>>();
const anchorsIn = (file: string) => {
	if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(path.join(ROOT, file), 'utf8')));
	return anchorCache.get(file)!;
};

/** Why a link from `from` (a repository path) to `target` is dead, or undefined when it works. */
function deadLink(from: string, target: string): string | undefined {
	const [file, anchor] = target.split('#') as [string, string | undefined];
	const resolved = file === '' ? from : path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURIComponent(file)));
	if (resolved.startsWith('..')) return `${target}: outside the repository`;
	if (!existsSync(path.join(ROOT, resolved))) return PENDING.has(resolved) ? undefined : `${target}: no file ${resolved}`;
	if (anchor !== undefined && resolved.endsWith('.md') && !anchorsIn(resolved).has(anchor)) return `${target}: ${resolved} has no heading #${anchor}`;
	return undefined;
}

const files = ['README.md', ...markdownFiles('docs')];

test('the link checker reads links and GitHub anchors as GitHub does', () => {
	const page = [
		'# Try it: `npm start`',
		'## Queue mode: 10,000 Sobot items (2026-12-01)',
		'## Call → Click To Call',
		'## Notes',
		'## Notes',
		'```sh',
		'# not a heading',
		'[not a link](nowhere.md)',
		'```',
		'See [one](a.md#x), ![img](images/b.png "title"), `[code](c.md)`, [web](https://example.com) and [here](#notes-1).',
	].join('\n');
	expect([...anchorsOf(page)]).toEqual(['try-it-npm-start', 'queue-mode-10000-sobot-items-2026-12-01', 'call--click-to-call', 'notes', 'notes-1']);
	expect(linksOf(page)).toEqual(['a.md#x', 'images/b.png', '#notes-1']);
});

test('a dead link or anchor is found', () => {
	expect(deadLink('README.md', 'docs/no-such-page.md')).toMatch(/no file docs\/no-such-page\.md/);
	expect(deadLink('README.md', 'docs/telspiel.md#no-such-heading')).toMatch(/has no heading/);
	expect(deadLink('docs/telspiel.md', '../LICENSE')).toBeUndefined();
	expect(deadLink('docs/telspiel.md', '#telspiel-credential')).toBeUndefined();
});

test('every relative link and anchor in README.md and docs/ reaches a file and a heading', () => {
	expect(files.length).toBeGreaterThan(15);
	const dead = files.flatMap((file) => linksOf(readFileSync(path.join(ROOT, file), 'utf8')).map((target) => deadLink(file, target)).filter(Boolean).map((why) => `${file}: ${why}`));
	expect(dead).toEqual([]);
});

/** A URL n8n shows, as the repository file and anchor it opens; fails for anything but this repository's main branch. */
function repositoryTarget(url: string): string {
	expect(url.startsWith(PAGES)).toBe(true);
	return url.slice(PAGES.length);
}

test('each node’s codex opens its service’s page (its trigger’s section for a trigger), and the credential section', () => {
	const codexFiles = readdirSync(path.join(ROOT, 'nodes')).flatMap((dir) =>
		statSync(path.join(ROOT, 'nodes', dir)).isDirectory() ? readdirSync(path.join(ROOT, 'nodes', dir)).filter((name) => name.endsWith('.node.json')).map((name) => ({ dir, name })) : [],
	);
	expect(codexFiles.length).toBe(9);
	for (const { dir, name } of codexFiles) {
		const codex = JSON.parse(readFileSync(path.join(ROOT, 'nodes', dir, name), 'utf8')) as { resources: { primaryDocumentation: Array<{ url: string }>; credentialDocumentation: Array<{ url: string }> } };
		const page = `docs/${dir.toLowerCase()}.md`;
		const [primary] = codex.resources.primaryDocumentation.map((doc) => repositoryTarget(doc.url));
		const [credential] = codex.resources.credentialDocumentation.map((doc) => repositoryTarget(doc.url));
		expect([name, primary.split('#')[0], credential]).toEqual([name, page, `${page}#${dir.toLowerCase()}-credential`]);
		for (const target of [primary, credential]) expect([name, deadLink('README.md', target)]).toEqual([name, undefined]);
	}
});

test('each credential’s documentationUrl opens its section of its service’s page', () => {
	const credentialFiles = readdirSync(path.join(ROOT, 'credentials')).filter((name) => name.endsWith('.credentials.ts'));
	expect(credentialFiles.length).toBe(5);
	for (const name of credentialFiles) {
		const url = readFileSync(path.join(ROOT, 'credentials', name), 'utf8').match(/documentationUrl = '([^']+)'/)?.[1];
		const service = name.replace(/Api\.credentials\.ts$/, '').toLowerCase();
		expect([name, url && repositoryTarget(url)]).toEqual([name, `docs/${service}.md#${service}-credential`]);
		expect([name, deadLink('README.md', repositoryTarget(url!))]).toEqual([name, undefined]);
	}
});
