// The README's compatibility table (its Compatibility section), written from what `npm run test:compat -- --all` measured
// (docs/compatibility.json). One renderer for the script that writes the README section and for the
// test that checks the README still shows the measured results.
'use strict';

const COLUMNS = [
	{ key: 'load', title: 'load' },
	{ key: 'credentials', title: 'credential tests' },
	{ key: 'examples', title: 'examples' },
	{ key: 'triggers', title: 'triggers' },
	{ key: 'ai', title: 'AI tool use' },
];

const START = '<!-- compat:start (written by `npm run test:compat -- --all`; do not edit) -->';
const END = '<!-- compat:end -->';

const semver = (version) => version.split('.').map(Number);
const byVersion = (a, b) => {
	const [x, y] = [semver(a), semver(b)];
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** A version's outcome from its checks: every check passed, or not. */
function outcomeOf(checks) {
	return checks.length > 0 && checks.every((check) => check.ok) ? 'pass' : 'fail';
}

function cell(checks) {
	if (checks.length === 0) return '—';
	const failed = checks.filter((check) => !check.ok);
	if (failed.length === 0) return `✓ ${checks.length} of ${checks.length}`;
	return `✗ ${checks.length - failed.length} of ${checks.length}: ${failed.map((check) => check.name).join('; ')} failed`;
}

/** The markdown between the README's markers. */
function renderSection(results) {
	const lines = [
		`Measured on ${results.measured} with Node ${results.node.replace(/^v/, '')}, package ${results.package}, by \`${results.command}\` ` +
			`(results: \`docs/compatibility.json\`). Each cell counts the checks that passed.`,
		'',
		`| n8n | role | n8n-workflow | ${COLUMNS.map((column) => column.title).join(' | ')} |`,
		`|---|---|---|${COLUMNS.map(() => '---').join('|')}|`,
	];
	const notes = [];
	for (const entry of results.versions) {
		if (entry.outcome === 'not installable') {
			lines.push(`| ${entry.version} | ${entry.role} | | not installable: ${entry.why ?? entry.installError} | | | | |`);
			continue;
		}
		const cells = COLUMNS.map((column) => cell(entry.checks.filter((check) => check.column === column.key)));
		lines.push(`| **${entry.version}** | ${entry.role} | ${entry.n8nWorkflow} | ${cells.join(' | ')} |`);
		for (const check of entry.checks.filter((c) => !c.ok || c.note)) notes.push(`- ${entry.version}, ${check.name}: ${check.ok ? `passed ${check.note}` : check.detail}`);
	}
	const passed = results.versions.filter((entry) => entry.outcome === 'pass').map((entry) => entry.version).sort(byVersion);
	lines.push('');
	if (passed.length) {
		const above = results.versions.filter((entry) => entry.outcome === 'fail' && byVersion(entry.version, passed[0]) > 0);
		const except = above.map((entry) => `on ${entry.version} ${COLUMNS.filter((column) => entry.checks.some((check) => check.column === column.key && !check.ok)).map((column) => column.title).join(' and ')} failed (see below)`);
		lines.push(
			`**Supported, as measured: n8n ${passed[0]} and later** (every check passed on ${passed.join(', ')}${except.length ? `; ${except.join('; ')}` : ''}); package.json says so in ` +
				`\`engines.n8n\` (\`>=${passed[0]}\`), and keeps \`peerDependencies\` at \`"n8n-workflow": "*"\`, the only value n8n's scanner accepts.`,
			'',
		);
	}
	lines.push(
		'The checks: **load**: n8n, started with the packed package in its community-nodes folder, lists every node (and the AI-tool ' +
			'variant of every action node) and credential, and logs no load error; **credential tests**: n8n\'s own credential test ' +
			'(`POST /rest/credentials/test`) passes for each of the five credentials against the sandbox; **examples**: the IVR callback, ' +
			'bot-facing callback API and bot chat handover examples, published and called at their production webhooks, and the scheduled ' +
			'Hover report run by `n8n execute`; **triggers**: each of the four trigger nodes, published, receives one event (the relay and Haptik examples, ' +
			'a Hover transaction, a ServicePattern chat); **AI tool use**: the AI agent example with the sandbox\'s scripted model ' +
			'calls the Sobot and telSpiel tools, and an MCP client uses the MCP server example\'s tools.',
	);
	if (notes.length > 0) lines.push('', 'Notes and failures:', '', ...notes);
	if (results.findings?.length) lines.push('', ...results.findings.map((finding) => `- ${finding}`));
	return lines.join('\n');
}

/** The README with its section between the markers replaced by `section`. */
function replaceSection(readme, section) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start === -1 || end === -1 || end < start) throw new Error(`README has no compatibility markers (${START} … ${END})`);
	return `${readme.slice(0, start + START.length)}\n${section}\n${readme.slice(end)}`;
}

/** The section now between the README's markers. */
function currentSection(readme) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start === -1 || end === -1 || end < start) return undefined;
	return readme.slice(start + START.length, end).trim();
}

module.exports = { COLUMNS, START, END, byVersion, outcomeOf, cell, renderSection, replaceSection, currentSection };
