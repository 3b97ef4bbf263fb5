// Runs inside a child process: real n8n (the CLI's LoadNodesAndCredentials, as n8n starts) loads the
// packages from its community-nodes folder, the way it loads every installed community package.
// Prints what n8n loaded, by package name, as JSON on stdout.
'use strict';
const path = require('node:path');

async function main() {
	const [userFolder, ...packageNames] = process.argv.slice(2);
	process.env.N8N_USER_FOLDER = userFolder;
	require('reflect-metadata');
	const { Container } = require('@n8n/di');
	const { LoadNodesAndCredentials } = require('n8n/dist/load-nodes-and-credentials');
	const { InstanceSettings } = require('n8n-core');

	const packageDirOf = (packageName) => path.join(Container.get(InstanceSettings).nodesDownloadDir, 'node_modules', packageName);
	const resolvableBeforeN8n = {};
	for (const packageName of packageNames) {
		resolvableBeforeN8n[packageName] = true;
		try {
			require.resolve('zod/v4', { paths: [packageDirOf(packageName)] });
		} catch {
			resolvableBeforeN8n[packageName] = false;
		}
	}

	const loader = Container.get(LoadNodesAndCredentials);
	await loader.init();
	for (const packageName of packageNames) await loader.loadPackage(packageName);
	await loader.postProcessLoaders();
	const results = {};
	for (const packageName of packageNames) results[packageName] = describe(loader, packageName, packageDirOf(packageName), resolvableBeforeN8n[packageName]);
	process.stdout.write(`${JSON.stringify(results)}\n`);
	process.exit(0);
}

function describe(loader, packageName, packageDir, resolvableBeforeN8n) {
	// Which zod did the package's own modules get? Follow the module graph from its files.
	const packageModules = Object.values(require.cache).filter((m) => m.filename.startsWith(packageDir + path.sep));
	const zodChildren = packageModules.flatMap((m) => m.children).filter((child) => /[/\\]zod[/\\]/.test(child.filename));
	const zodRoot = zodChildren[0]?.filename.replace(/([/\\]zod)[/\\].*$/, '$1');
	const packageLoader = loader.loaders[packageName];
	const result = {
		packageDir,
		zod: {
			resolvableBeforeN8n,
			importedBy: [...new Set(packageModules.filter((m) => m.children.some((c) => zodChildren.includes(c))).map((m) => path.relative(packageDir, m.filename)))],
			loadedFrom: zodRoot,
			version: zodRoot && require(path.join(zodRoot, 'package.json')).version,
		},
		nodes: Object.entries(packageLoader.nodeTypes).map(([name, { type, sourcePath }]) => ({
			name,
			displayName: type.description.displayName,
			usableAsTool: !!type.description.usableAsTool,
			isTrigger: type.description.group.includes('trigger'),
			iconUrl: type.description.iconUrl,
			codex: type.description.codex,
			sourcePath,
		})),
		credentials: Object.entries(packageLoader.credentialTypes).map(([name, { type, sourcePath }]) => ({
			name,
			displayName: type.displayName,
			iconUrl: type.iconUrl,
			hasTest: !!type.test,
			sourcePath,
		})),
		registeredTypes: loader.types.nodes.map((n) => n.name).filter((n) => n.startsWith(`${packageName}.`)),
	};
	return result;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
