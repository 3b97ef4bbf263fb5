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
			outputSchemas: outputSchemasOf(loader, `${packageName}.${name}`, type.description),
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

// What n8n hands the editor and its AI builder for each resource and operation the node offers: the
// output schema its lookup finds (n8n's __schema__ convention), by "resource.operation".
function outputSchemasOf(loader, nodeType, description) {
	const lookup = loader.createOutputSchemaLookup();
	const optionsOf = (property) => (property?.options ?? []).map((option) => option.value);
	const resources = optionsOf(description.properties.find((property) => property.name === 'resource'));
	const schemas = {};
	for (const resource of resources) {
		const operations = description.properties.filter((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource));
		// n8n adds "Custom API Call" to nodes with a credential; it has no output of its own.
		for (const operation of operations.flatMap(optionsOf).filter((value) => value !== '__CUSTOM_API_CALL__')) {
			schemas[`${resource}.${operation}`] = lookup({ type: nodeType, typeVersion: [description.version].flat().pop(), resource, operation }) ?? null;
		}
	}
	return schemas;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
