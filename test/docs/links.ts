/** Markdown links and headings as GitHub reads them, for the link test. */

/** The text outside fenced code blocks, with inline code removed. */
function prose(markdown: string): string[] {
	let fenced = false;
	return markdown.split('\n').flatMap((line) => {
		if (/^\s*(```|~~~)/.test(line)) {
			fenced = !fenced;
			return [];
		}
		return fenced ? [] : [line.replace(/`[^`]*`/g, '')];
	});
}

/** GitHub's heading anchor: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens. */
export function slug(heading: string): string {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '')
		.replace(/ /g, '-');
}

/** Every anchor a page's headings give, the second of a name with "-1" and so on, as GitHub numbers them. */
export function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		const heading = !fenced && line.match(/^#{1,6} (.*?)#*\s*$/);
		if (!heading) continue;
		const base = slug(heading[1].replace(/`/g, ''));
		let anchor = base;
		for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
		anchors.add(anchor);
	}
	for (const [, name] of markdown.matchAll(/<a (?:name|id)="([^"]+)"/g)) anchors.add(name);
	return anchors;
}

/** The relative targets (and #anchors) of a page's links and images; web and mail addresses left out. */
export function linksOf(markdown: string): string[] {
	const targets: string[] = [];
	for (const line of prose(markdown)) {
		for (const [, target] of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) targets.push(target);
		}
	}
	return targets;
}
