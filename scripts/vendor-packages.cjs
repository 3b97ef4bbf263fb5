// One package per vendor, built from the same dist/ as the combined package (run after `npm run build`):
// n8n's verification takes one third-party service per package. Each holds its vendor's nodes and
// credential, the part of the shared core they import (followed through the require graph, so it
// cannot carry another vendor's code), a README made from the vendor's page in docs/ (docs/<vendor>.md), the examples that use the vendor (node types renamed to the vendor packages), the licence,
// and its own `n8n` section.
//
//   node scripts/vendor-packages.cjs            writes build/packages/<package>/
//   node scripts/vendor-packages.cjs --pack     and packs each into build/packages/<package>-<version>.tgz
//   --out DIR                                   writes them into DIR instead
'use strict';
const { execFileSync } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'build', 'packages');

/**
 * The vendors, one per registered service (scripts/services.json): the folder its nodes live in, its
 * package, the docs page that documents it (written once, for both), and what its package.json says.
 */
const VENDORS = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'services.json'), 'utf8')).services.map(({ folder, vendorPackage }) => ({
	dir: folder,
	package: vendorPackage.name,
	page: vendorPackage.page,
	description: vendorPackage.description,
	keywords: vendorPackage.keywords,
}));

const rootPackage = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Every dist file a set of entry files needs: the relative requires, followed. */
function closure(entries) {
	const seen = new Set();
	const visit = (file) => {
		if (seen.has(file)) return;
		seen.add(file);
		const source = readFileSync(path.join(ROOT, file), 'utf8');
		// Both quote styles: tsc writes static imports with double quotes, the lazy requires keep the source's single ones.
		for (const [, , target] of source.matchAll(/require\((["'])(\.{1,2}\/[^"']+)\1\)/g)) {
			const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
			const candidates = resolved.endsWith('.js') || resolved.endsWith('.json') ? [resolved] : [`${resolved}.js`, `${resolved}/index.js`];
			const found = candidates.find((candidate) => existsSync(path.join(ROOT, candidate)));
			if (!found) throw new Error(`${file} requires ${target}, which dist/ does not have`);
			visit(found);
		}
	};
	entries.forEach(visit);
	return [...seen].sort();
}

/** The node type names (as in workflow JSON) of a node file in dist. */
function nodeTypeName(file) {
	const exported = require(path.join(ROOT, file));
	return Object.values(exported).map((NodeClass) => new NodeClass().description.name)[0];
}

/** The vendor that owns a node type of the combined package, by the folder its file is in. */
function vendorsByNodeType() {
	const owners = {};
	for (const file of rootPackage.n8n.nodes) {
		const vendor = VENDORS.find((v) => file.startsWith(`dist/nodes/${v.dir}/`));
		const type = nodeTypeName(file);
		owners[`${rootPackage.name}.${type}`] = { vendor, type };
		// n8n's tool version of a node that is usable as a tool (an AI agent's tool): the same node, with "Tool" appended.
		owners[`${rootPackage.name}.${type}Tool`] = { vendor, type: `${type}Tool` };
	}
	return owners;
}

/** A page's `## ` sections, by heading, and the text before the first one. */
function pageSections(file) {
	const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/^# .*\n+/, '');
	const sections = { intro: '' };
	let current = 'intro';
	let inCode = false;
	for (const line of text.split('\n')) {
		if (line.startsWith('```')) inCode = !inCode;
		const heading = !inCode && line.match(/^## (.*)$/);
		if (heading) {
			current = heading[1];
			sections[current] = '';
		} else sections[current] += `${line}\n`;
	}
	return sections;
}

/** Links relative to docs/ made absolute (GitHub, main branch): a vendor package has none of those files. */
function absoluteLinks(text, repository) {
	return text.replace(/\]\(([^)#:][^):]*?)(#[^)]*)?\)/g, (all, target, anchor = '') => {
		const resolved = path.posix.normalize(path.posix.join('docs', target));
		return `](${repository}/blob/main/${resolved}${anchor})`;
	});
}

/** A vendor's page without its Limits and Examples (the vendor README has its own), its sections one level down. */
function credentialAndOperations(vendor, repository) {
	const sections = pageSections(vendor.page);
	const body = Object.entries(sections)
		.filter(([heading]) => heading !== 'Limits' && heading !== 'Examples')
		.map(([heading, text]) => (heading === 'intro' ? text : `### ${heading}\n${text}`).trim())
		.join('\n\n');
	return absoluteLinks(body, repository);
}

/** The page's Limits, one per bullet. */
function limitsOf(vendor) {
	const limits = pageSections(vendor.page).Limits;
	if (!limits) throw new Error(`${vendor.page} has no "## Limits" section`);
	return limits.trim().split('\n').filter((line) => line.startsWith('- ')).map((line) => line.slice(2));
}

function examplesFor(vendor, owners) {
	const examples = [];
	for (const file of readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort()) {
		const workflow = JSON.parse(readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
		const ours = workflow.nodes.filter((node) => owners[node.type]);
		if (!ours.some((node) => owners[node.type].vendor === vendor)) continue;
		const packages = [...new Set(ours.map((node) => owners[node.type].vendor.package))].sort();
		for (const node of ours) node.type = `${owners[node.type].vendor.package}.${owners[node.type].type}`;
		examples.push({ file, name: workflow.name ?? file, packages, workflow });
	}
	return examples;
}

function readme(vendor, examples) {
	const repository = rootPackage.homepage.replace(/#.*$/, '');
	const others = (example) => example.packages.filter((name) => name !== vendor.package);
	return `# ${vendor.package}

${vendor.description}

Built from the same source as [n8n-nodes-contact-center](${repository}), which holds this and the
other contact-center services in one package. Install one or the other, not both: they define the
same credential type.

## Install

Once published: **Settings → Community Nodes → Install**, package name \`${vendor.package}\`.

Until then, install the tarball where n8n keeps community packages and restart n8n:

\`\`\`sh
cd ~/.n8n/nodes          # or $N8N_USER_FOLDER/.n8n/nodes
npm install --legacy-peer-deps --no-audit --no-fund /path/to/${vendor.package}-${rootPackage.version}.tgz
\`\`\`

The package has no runtime dependencies: it uses n8n itself (\`n8n-workflow\`) and the \`zod\` that
n8n ships. It runs on n8n 2.x, and its action node can be used as a tool by n8n's AI Agent.

## Credential and operations

${credentialAndOperations(vendor, repository)}

## Examples

${examples.length === 0 ? 'None in this package.' : `Import these from the package's \`examples/\` folder (Workflows → Import from File):\n\n${examples
	.map((example) => `- \`examples/${example.file}\`: ${example.name}${others(example).length ? ` (also needs ${others(example).map((name) => `\`${name}\``).join(', ')})` : ''}`)
	.join('\n')}`}

## Limits

${limitsOf(vendor).map((limit) => `- ${limit}`).join('\n')}

## License

[MIT](LICENSE)
`;
}

function buildVendorPackages({ pack = false, out = OUT } = {}) {
	if (!existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	rmSync(out, { recursive: true, force: true });
	const owners = vendorsByNodeType();
	const built = [];
	for (const vendor of VENDORS) {
		const nodes = rootPackage.n8n.nodes.filter((file) => file.startsWith(`dist/nodes/${vendor.dir}/`));
		const credentials = rootPackage.n8n.credentials.filter((file) => file === `dist/credentials/${vendor.dir}Api.credentials.js`);
		const code = closure([...nodes, ...credentials]);
		const foreign = code.filter((file) => VENDORS.some((other) => other !== vendor && file.startsWith(`dist/nodes/${other.dir}/`)));
		if (foreign.length > 0) throw new Error(`${vendor.package} would carry another vendor's code: ${foreign.join(', ')}`);
		const assets = readdirSync(path.join(ROOT, 'dist', 'nodes', vendor.dir), { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
			.filter((file) => /\.(svg|png|node\.json|properties\.json)$/.test(file) || file.includes(`${path.sep}__schema__${path.sep}`));

		const dir = path.join(out, vendor.package);
		for (const file of [...code, ...assets]) {
			mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
			copyFileSync(path.join(ROOT, file), path.join(dir, file));
		}
		const examples = examplesFor(vendor, owners);
		if (examples.length > 0) mkdirSync(path.join(dir, 'examples'));
		for (const example of examples) writeFileSync(path.join(dir, 'examples', example.file), `${JSON.stringify(example.workflow, null, '\t')}\n`);
		copyFileSync(path.join(ROOT, 'LICENSE'), path.join(dir, 'LICENSE'));
		writeFileSync(path.join(dir, 'README.md'), readme(vendor, examples));
		const manifest = {
			name: vendor.package,
			version: rootPackage.version,
			description: vendor.description,
			keywords: ['n8n-community-node-package', 'n8n', ...vendor.keywords],
			license: rootPackage.license,
			homepage: `${rootPackage.homepage.replace(/#.*$/, '')}/blob/main/${vendor.page}`,
			author: rootPackage.author,
			repository: rootPackage.repository,
			engines: rootPackage.engines,
			files: ['dist', 'examples'],
			n8n: { ...rootPackage.n8n, credentials, nodes },
			peerDependencies: rootPackage.peerDependencies,
		};
		writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
		let tarball;
		if (pack) {
			const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
			tarball = path.join(out, packed.filename);
		}
		built.push({ vendor, dir, manifest, tarball });
	}
	return built;
}

module.exports = { OUT, VENDORS, buildVendorPackages };

if (require.main === module) {
	const outFlag = process.argv.indexOf('--out');
	const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : OUT;
	const built = buildVendorPackages({ pack: process.argv.includes('--pack'), out });
	// The last line is the whole result as JSON, for tests and scripts.
	for (const { manifest, dir, tarball } of built) process.stdout.write(`${manifest.name}: ${tarball ?? dir}\n`);
	process.stdout.write(`${JSON.stringify(built.map(({ vendor, dir, tarball }) => ({ package: vendor.package, dir: vendor.dir, path: dir, tarball })))}\n`);
}
