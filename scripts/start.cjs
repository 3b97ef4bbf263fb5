// `npm start`: the sandbox plus real n8n with this package installed as a community package,
// credentials pointing at the sandbox and the example workflows imported. Ctrl-C, or SIGTERM from an
// IDE or a process manager, stops n8n, its task runner and the sandbox.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const { isFree } = require('./free-ports.cjs');
const { SECRET_FILES, folderSecrets, installPackage, n8nBin, packPackage, pkg, quietEnv, root, sandboxCredentials } = require('./n8n-setup.cjs');

const userFolder = process.env.N8N_DEV_FOLDER ?? path.join(root, '.n8n-dev');
const PORTS = [
	{ name: 'n8n', variable: 'N8N_PORT', port: Number(process.env.N8N_PORT ?? 5678) },
	{ name: 'n8n’s task broker (its Code node runner)', variable: 'N8N_RUNNERS_BROKER_PORT', port: Number(process.env.N8N_RUNNERS_BROKER_PORT ?? 5679) },
	{ name: 'the sandbox', variable: 'SANDBOX_PORT', port: Number(process.env.SANDBOX_PORT ?? 5680) },
];
const [n8nPort, brokerPort, sandboxPort] = PORTS.map(({ port }) => port);
// Loopback only by default: until the owner account exists, whoever reaches n8n can create it.
// N8N_LISTEN_ADDRESS=0.0.0.0 (or an interface's address) opens it to the network.
const listenAddress = process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1';
const openToNetwork = !['127.0.0.1', '::1', 'localhost'].includes(listenAddress);
// n8n's launcher is run with this script's own Node (24): its shebang would take whatever node is first on PATH.
const env = {
	...process.env,
	...quietEnv,
	N8N_USER_FOLDER: userFolder,
	N8N_PORT: String(n8nPort),
	N8N_LISTEN_ADDRESS: listenAddress,
	N8N_RUNNERS_BROKER_PORT: String(brokerPort),
	N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
};

function say(line) {
	process.stdout.write(`${line}\n`);
}

function fail(message) {
	process.stderr.write(`\n${message}\n`);
	process.exit(1);
}

async function checkPorts() {
	for (const { name, variable, port } of PORTS) {
		if (!(await isFree(port))) {
			fail(
				`Port ${port}, for ${name}, is already in use (another n8n, or another program).\n` +
					`Stop it, or choose another port: ${variable}=<port> npm start (see docs/npm-start.md).`,
			);
		}
	}
}

// Written after npm start's own build: a later start skips building while no source is newer.
const buildStamp = path.join(root, 'build', '.start-build-stamp');
const BUILD_SOURCES = ['nodes', 'credentials', 'sandbox', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.sandbox.json', 'gulpfile.js', 'scripts/prebuild-properties.cjs'];

/** The newest modification time under a file or folder. */
function newestChange(file) {
	const stat = statSync(file, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newestChange(path.join(file, name))));
}

/** Whether dist/ and build/sandbox/ are what the sources build: npm start built them and nothing changed since. */
function builtIsCurrent() {
	if (!existsSync(buildStamp) || !existsSync(path.join(root, 'dist')) || !existsSync(path.join(root, 'build', 'sandbox', 'main.js'))) return false;
	const built = statSync(buildStamp).mtimeMs;
	return BUILD_SOURCES.every((source) => newestChange(path.join(root, source)) < built);
}

function npm(args) {
	execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
}

/** The nodes of the package, as n8n lists an installed package's nodes: display name, type, version. */
function packageNodes() {
	return pkg.n8n.nodes.flatMap((file) =>
		Object.values(require(path.join(root, file))).map((NodeClass) => {
			const { description } = new NodeClass();
			const version = Array.isArray(description.version) ? Math.max(...description.version) : description.version;
			return { name: description.displayName, type: `${pkg.name}.${description.name}`, latestVersion: version };
		}),
	);
}

/**
 * Records the package in n8n's database as Settings → Community Nodes' Install would, so it shows
 * there and can be updated or removed like any community package. (Installing through that page
 * needs the package on the npm registry, which it is not yet.)
 */
async function recordInstalledPackage() {
	const sqlite3 = require('sqlite3');
	const db = new sqlite3.Database(path.join(userFolder, '.n8n', 'database.sqlite'));
	const run = (sql, params) => new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
	const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
	try {
		await run('DELETE FROM installed_nodes WHERE package = ?', [pkg.name]);
		await run('DELETE FROM installed_packages WHERE packageName = ?', [pkg.name]);
		await run('INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)', [
			pkg.name,
			pkg.version,
			pkg.author?.name ?? null,
			pkg.author?.email ?? null,
			now,
			now,
		]);
		for (const node of packageNodes()) {
			await run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)', [node.name, node.type, node.latestVersion, pkg.name]);
		}
	} finally {
		await new Promise((resolve) => db.close(resolve));
	}
}

function n8n(args) {
	execFileSync(process.execPath, [n8nBin, ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Resolves once this n8n answers with its settings, or false when it exits or does not answer in
 * time. Only n8n's own answer counts: when n8n could not bind its port, whatever took that port
 * may answer there.
 */
async function waitForN8n(isRunning, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && isRunning()) {
		try {
			// /healthz answers before the REST routes exist; the (public) settings route only after.
			const response = await fetch(`http://127.0.0.1:${n8nPort}/rest/settings`);
			const settings = response.ok ? await response.json().catch(() => null) : null;
			if (isRunning() && settings?.data?.userManagement) return true;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

/** How to call the examples' webhooks with this n8n's keys, naming the files they are in (never the keys themselves). */
function sayHowToCall() {
	const shown = path.relative(process.cwd(), path.join(userFolder, 'keys'));
	const keyFile = (name) => path.join(shown.startsWith('..') ? path.join(userFolder, 'keys') : shown, SECRET_FILES[name]);
	const base = `http://localhost:${n8nPort}`;
	const post = (route, header, body) => `curl -X POST ${base}${route} -H "${header}" -H 'content-type: application/json' -d '${body}'`;
	say(`\nThe examples' webhooks take keys made for this n8n, kept in ${path.dirname(keyFile('ivrKey'))}/ (docs/npm-start.md, "Webhook keys"). Publish a workflow, then:`);
	say(`  IVR callback:    ${post('/webhook/ivr-callback', `api-key: $(cat ${keyFile('ivrKey')})`, '{"phone": "13800000001"}')}`);
	say(`  bot-facing API:  ${post('/webhook/bot/callback', `api-key: $(cat ${keyFile('botPlatformKey')})`, '{"mobileNo": "13800000001"}')}`);
	say(`  bot handover:    ${post('/webhook/bot-handover', `api-key: $(cat ${keyFile('botPlatformKey')})`, '{"from": "whatsapp:+15550001", "name": "Asha", "text": "I need a human"}')}`);
	say(`  MCP server:      ${base}/mcp/contact-center with the header "Authorization: Bearer $(cat ${keyFile('mcpToken')})"`);
}

async function main() {
	await checkPorts();
	if (builtIsCurrent()) {
		say('Building the package and the sandbox: skipped, dist/ and build/sandbox/ are current (delete build/.start-build-stamp to build anyway)');
	} else {
		say('Building the package and the sandbox…');
		rmSync(buildStamp, { force: true });
		const started = Date.now();
		npm(['run', '--silent', 'build']);
		npm(['run', '--silent', 'build:sandbox']);
		mkdirSync(path.dirname(buildStamp), { recursive: true });
		// Stamped with the time the build started: a source saved while it ran counts as newer.
		writeFileSync(buildStamp, '');
		const startedAt = new Date(started);
		utimesSync(buildStamp, startedAt, startedAt);
	}

	const { startSandbox } = require(path.join(root, 'build', 'sandbox', 'main.js'));
	const accounts = require(path.join(root, 'build', 'sandbox', 'accounts.js'));
	const sandbox = await startSandbox(sandboxPort);
	say(`Sandbox of the five APIs and a scripted chat model on ${sandbox.url} (test accounts: sandbox/README.md)`);

	installPackage(userFolder, packPackage(path.join(userFolder, 'pack')));
	// The keys of this n8n's webhooks and the relay's secret: its own, never the tests' published ones.
	const secrets = folderSecrets(userFolder);
	const credentialsFile = path.join(userFolder, 'sandbox-credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(sandboxCredentials(accounts, `http://127.0.0.1:${sandboxPort}`, secrets), null, 2), { mode: 0o600 });
	try {
		n8n(['import:credentials', `--input=${credentialsFile}`]);
	} finally {
		// n8n keeps them encrypted in its database; the plain copy is not needed any more.
		rmSync(credentialsFile, { force: true });
	}
	await recordInstalledPackage();
	say(`Installed ${pkg.name} ${pkg.version} as a community package of this n8n (Settings → Community Nodes)`);
	const marker = path.join(userFolder, 'examples-imported');
	if (!existsSync(marker)) {
		n8n(['import:workflow', '--separate', `--input=${path.join(root, 'examples')}`]);
		writeFileSync(marker, readdirSync(path.join(root, 'examples')).join('\n'));
	}
	say('Set the "Sandbox …" credentials to the sandbox’s test accounts (any change made to them in n8n is reset on every start)');
	say('Imported the example workflows (once; delete .n8n-dev/ to start over)');

	// Its own process group, so the task runner n8n starts is stopped with it.
	const detached = process.platform !== 'win32';
	const server = spawn(process.execPath, [n8nBin, 'start'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached });
	const n8nExited = new Promise((resolve) => server.once('exit', (code) => resolve(code ?? 0)));
	const signalN8n = (signal) => {
		try {
			if (detached) process.kill(-server.pid, signal);
			else server.kill(signal);
		} catch {
			// already gone
		}
	};
	let stopping = false;
	// Waits for n8n's own graceful shutdown, so nothing is left listening when this process ends.
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the sandbox…');
		signalN8n('SIGTERM');
		const forced = setTimeout(() => signalN8n('SIGKILL'), 40_000);
		await n8nExited;
		clearTimeout(forced);
		// Whatever n8n left in its group (its task runner) goes with it.
		signalN8n('SIGKILL');
		await sandbox.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	process.on('SIGHUP', () => void stop(0));
	// `npm start` runs this under `sh -c`, which does not pass npm's SIGTERM on: when the process that
	// started this one goes away, that is the signal to stop.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) void stop(0);
	}, 500).unref();
	let ready = false;
	let exited = false;
	void n8nExited.then((code) => {
		exited = true;
		if (!ready) process.stderr.write(`\nn8n stopped (exit code ${code}) before it was ready; see its output above.\n`);
		return stop(ready ? code : code || 1);
	});

	ready = await waitForN8n(() => !exited);
	if (ready) {
		say(`\nn8n is ready: http://localhost:${n8nPort}`);
		say(
			openToNetwork
				? `n8n listens on ${listenAddress}, port ${n8nPort}: open to the network, so create the owner account now.`
				: `n8n listens on 127.0.0.1 only (N8N_LISTEN_ADDRESS=0.0.0.0 npm start opens it to the network, once the owner account exists).`,
		);
		say('Create the owner account on first visit; n8n then opens its Assistant page: the examples are under Overview, with the "Sandbox …" credentials.');
		sayHowToCall();
		say('Ctrl-C stops n8n and the sandbox.');
	} else if (!exited) {
		say('n8n did not answer within two minutes; see its output above.');
	}
}

main().catch((error) => fail(`npm start failed: ${error?.message ?? error}`));
