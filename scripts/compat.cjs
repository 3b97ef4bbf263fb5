// `npm run test:compat`: the packed package in real n8n, version by version (scripts/compat-matrix.json).
// Each n8n version is installed once into a cache outside the project (N8N_COMPAT_CACHE, default
// ~/.cache/n8n-nodes-contact-center/compat/<version>); later runs reuse it. Then, with each version:
// the tarball is unpacked where n8n keeps community packages, the sandbox credentials and the example
// workflows are imported with the n8n CLI, the scheduled example is run by `n8n execute`, and n8n is
// started to check what it loaded, run the credential tests, publish the examples and the triggers
// and drive them as their callers would, and let the AI agent and MCP examples use the package's tools.
//
//   npm run test:compat                  the two ends CI runs (matrix entries with "ends")
//   npm run test:compat -- --all         every entry; writes docs/compatibility.json and the README table
//   npm run test:compat -- --versions=2.30.8,2.31.6   any versions (a bisect step); writes nothing
//   npm run test:compat -- --install-only            fill the cache (e.g. before going offline)
//
// Options for the script's own test: --n8n-root=<folder whose node_modules holds n8n> (no cache),
// --package=<tarball> (instead of packing this one), --only=<column,…>, --results=<file>, --keep.
'use strict';
const { execFile, spawn } = require('node:child_process');
const { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { randomUUID } = require('node:crypto');
const { createRequire } = require('node:module');
const { homedir, tmpdir } = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const { freePorts } = require('./free-ports.cjs');
const { installPackage, packPackage, pkg, quietEnv, restClient, root, sandboxCredentials } = require('./n8n-setup.cjs');
const table = require('./compat-table.cjs');

const execFileAsync = promisify(execFile);
const MATRIX = JSON.parse(readFileSync(path.join(root, 'scripts', 'compat-matrix.json'), 'utf8'));
const RESULTS_FILE = path.join(root, 'docs', 'compatibility.json');
const README = path.join(root, 'README.md');
const FIXTURES = path.join(root, 'test', 'compat', 'workflows');
const cacheRoot = process.env.N8N_COMPAT_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'n8n-nodes-contact-center', 'compat');

const say = (line) => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const oneLine = (text) => String(text).replace(/\s+/g, ' ').trim().slice(0, 700);
/** An error in one line; a list of validation issues (the MCP client's zod errors) as "path: message". */
function brief(error) {
	const message = String(error?.message ?? error);
	try {
		const issues = JSON.parse(message);
		if (Array.isArray(issues)) return oneLine([...new Set(issues.map((issue) => `${(issue.path ?? []).join('.')}: ${issue.message}`))].join('; '));
	} catch {
		// not a list of issues
	}
	return oneLine(message);
}

function parseArgs(argv) {
	const options = { all: false, versions: undefined, n8nRoot: undefined, tarball: undefined, only: undefined, results: undefined, keep: false, installOnly: false };
	for (const arg of argv) {
		const [name, value] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		if (name === '--all') options.all = true;
		else if (name === '--versions' && value) options.versions = value.split(',').filter(Boolean);
		else if (name === '--n8n-root' && value) options.n8nRoot = path.resolve(value);
		else if (name === '--package' && value) options.tarball = path.resolve(value);
		else if (name === '--only' && value) options.only = value.split(',');
		else if (name === '--results' && value) options.results = path.resolve(value);
		else if (name === '--keep') options.keep = true;
		else if (name === '--install-only') options.installOnly = true;
		else throw new Error(`Unknown option ${arg}. Usage: npm run test:compat [-- --all | --versions=a,b]`);
	}
	return options;
}

// ——— n8n versions, installed once into the cache ———

/** The first lines of npm's error output that say why (not npm's advice about proxies and logs). */
function npmReason(error) {
	const lines = String(error.stderr ?? error.message)
		.split('\n')
		.filter((line) => /npm error (code|notarget|404|network request)/.test(line) || /^npm ERR!/.test(line));
	return oneLine(lines.slice(0, 3).join(' ').replace(/npm error /g, '') || error.message);
}

/**
 * n8n `version` in the cache: its production dependencies, without optional ones and without
 * install scripts but sqlite3's (the only native module n8n's default database needs; the
 * project's own install allows the same, in package.json's allowScripts).
 */
async function ensureInstalled(version) {
	const dir = path.join(cacheRoot, version);
	const marker = path.join(dir, 'installed.json');
	if (existsSync(marker)) return { dir, cached: true, seconds: 0 };
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: `n8n-compat-${version}`,
				private: true,
				dependencies: { n8n: version },
				// n8n before 2.x takes xlsx from SheetJS's own server, which only the npm registry's mirror
				// of the same release (@e965/xlsx) replaces where only the registry is reachable.
				overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' },
			},
			null,
			2,
		),
	);
	const started = Date.now();
	say(`  installing n8n ${version} into ${dir} (once; minutes)…`);
	const npm = (args) => execFileAsync('npm', args, { cwd: dir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_loglevel: 'error' } });
	try {
		await npm(['install', '--omit=dev', '--omit=optional', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline']);
		// sqlite3's binding is N-API (one build serves every Node): the one the project's own install
		// built is copied when the versions match, which saves compiling it (two minutes) per n8n.
		const built = path.join(root, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
		const versionOf = (dirName) => JSON.parse(readFileSync(path.join(dirName, 'node_modules', 'sqlite3', 'package.json'), 'utf8')).version;
		if (existsSync(built) && versionOf(root) === versionOf(dir)) {
			mkdirSync(path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release'), { recursive: true });
			copyFileSync(built, path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'));
		} else {
			await npm(['rebuild', 'sqlite3']);
		}
		await execFileAsync(process.execPath, ['-e', "require('sqlite3')"], { cwd: dir });
	} catch (error) {
		return { dir, error: npmReason(error), seconds: Math.round((Date.now() - started) / 1000) };
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	writeFileSync(marker, JSON.stringify({ version, installedAt: new Date().toISOString(), seconds }, null, 2));
	return { dir, cached: false, seconds };
}

// ——— one n8n, with the package, the sandbox and the examples ———

/** The workflows a run imports, each with an id so the CLI can name it. */
function workflowsToImport() {
	const files = readdirSync(path.join(root, 'examples'))
		.filter((file) => file.endsWith('.json'))
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(root, 'examples', file), 'utf8')) }));
	for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.json'))) {
		files.push({ file: `compat/${file}`, workflow: JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) });
	}
	// The scheduled example, started by a Manual Trigger instead of its Schedule Trigger: `n8n execute`
	// starts workflows only at a Manual Trigger.
	const report = files.find(({ file }) => file === 'hover-action-report.json').workflow;
	const manual = structuredClone(report);
	manual.name = `${report.name} (n8n execute)`;
	const schedule = manual.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
	Object.assign(schedule, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	files.push({ file: 'compat/hover-action-report-cli.json', workflow: manual });
	// n8n 2.0's import:workflow stores a missing "active" or "versionId" as NULL, which its database
	// refuses (later versions fill them in); every n8n export carries both, the examples do not.
	return files.map(({ file, workflow }, index) => ({ file, workflow: { active: false, versionId: randomUUID(), ...workflow, id: `compatWorkflow${String(index).padStart(2, '0')}` } }));
}

/** What the packed package's n8n section declares, as n8n names the types. */
function declaredTypes(packageDir) {
	const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const typeName = (file) => {
		const base = path.basename(file).replace(/\.(node|credentials)\.js$/, '');
		return base[0].toLowerCase() + base.slice(1);
	};
	const nodes = manifest.n8n.nodes.map(typeName);
	return {
		name: manifest.name,
		nodes: nodes.map((node) => `${manifest.name}.${node}`),
		// n8n registers a "…Tool" twin of every node marked usableAsTool: all but the triggers.
		tools: nodes.filter((node) => !node.endsWith('Trigger')).map((node) => `${manifest.name}.${node}Tool`),
		credentials: manifest.n8n.credentials.map(typeName),
	};
}

/**
 * npm start's quiet settings, as far as this n8n knows them: an older n8n refuses a module it does
 * not have (N8N_DISABLED_MODULES) and has no QuickJS expression engine; its "vm" engine needs
 * isolated-vm, a native module the cache does not build, so it gets the "legacy" engine.
 */
function settingsFor(n8nDir) {
	const settings = { ...quietEnv };
	const cli = path.join(n8nDir, 'node_modules', 'n8n', 'dist');
	const disabled = settings.N8N_DISABLED_MODULES.split(',').filter((name) => existsSync(path.join(cli, 'modules', name)));
	if (disabled.length) settings.N8N_DISABLED_MODULES = disabled.join(',');
	else delete settings.N8N_DISABLED_MODULES;
	const fromN8n = createRequire(path.join(cli, 'index.js'));
	let engines = '';
	try {
		engines = readFileSync(path.join(path.dirname(fromN8n.resolve('@n8n/config')), 'configs', 'expression-engine.config.js'), 'utf8');
	} catch {
		// no choice of expression engine in this n8n
	}
	if (!engines) delete settings.N8N_EXPRESSION_ENGINE;
	else if (!engines.includes("'quickjs'")) settings.N8N_EXPRESSION_ENGINE = 'legacy';
	return settings;
}

function n8nEnv({ n8nDir, folder, n8nPort, brokerPort }) {
	const inherited = Object.entries(process.env).filter(([name]) => !/^(N8N_|DB_|WEBHOOK_URL$|JEST_WORKER_ID$|NODE_OPTIONS$|EXECUTIONS_|QUEUE_)/.test(name));
	return {
		...Object.fromEntries(inherited),
		...settingsFor(n8nDir),
		// n8n loads no community package under NODE_ENV=test (which jest sets).
		NODE_ENV: 'production',
		N8N_USER_FOLDER: folder,
		N8N_PORT: String(n8nPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		WEBHOOK_URL: `http://127.0.0.1:${n8nPort}/`,
		N8N_ENCRYPTION_KEY: 'compat-test-encryption-key',
		N8N_LOG_LEVEL: 'info',
	};
}

/** Resolves when this n8n answers its settings route (the REST routes are up), false when it exits or times out. */
async function waitForN8n(url, isRunning, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && isRunning()) {
		try {
			const response = await fetch(`${url}/rest/settings`);
			const settings = response.ok ? await response.json().catch(() => null) : null;
			if (settings?.data?.userManagement) return true;
		} catch {
			// not up yet
		}
		await sleep(500);
	}
	return false;
}

/** Calls `read` until `done` holds, or throws with `what` after `timeoutMs`. */
async function eventually(what, read, done, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value)) {
		if (Date.now() > deadline) throw new Error(`${what} (waited ${Math.round(timeoutMs / 1000)} s; last: ${oneLine(JSON.stringify(value) ?? '')})`);
		await sleep(500);
		value = await read();
	}
	return value;
}

/** A pretty-printed JSON document in mixed output (n8n's log lines around `n8n execute --rawOutput`). */
function jsonIn(output) {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	const end = lines.lastIndexOf('}');
	if (start === -1 || end < start) throw new Error(`no JSON in the output: ${oneLine(output.slice(-300))}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

async function measure({ version, n8nDir, pack, only, keep }) {
	const checks = [];
	const wanted = (column) => !only || only.includes(column);
	const check = async (column, name, run) => {
		if (!wanted(column)) return;
		try {
			const { note } = (await run()) ?? {};
			checks.push({ column, name, ok: true, detail: '', ...(note ? { note } : {}) });
			say(`    ✓ ${column}: ${name}`);
		} catch (error) {
			checks.push({ column, name, ok: false, detail: brief(error) });
			say(`    ✗ ${column}: ${name}: ${brief(error)}`);
		}
	};
	const n8nBin = path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
	const fromN8n = createRequire(path.join(n8nDir, 'node_modules', 'n8n', 'package.json'));
	const n8nWorkflow = JSON.parse(readFileSync(fromN8n.resolve('n8n-workflow/package.json'), 'utf8')).version;
	const folder = mkdtempSync(path.join(tmpdir(), `n8n-compat-${version}-`));
	const [n8nPort, brokerPort, sandboxPort] = await freePorts(3);
	const n8nUrl = `http://127.0.0.1:${n8nPort}`;
	const env = n8nEnv({ n8nDir, folder, n8nPort, brokerPort });
	const logFile = path.join(folder, 'n8n.log');

	const { startSandbox } = require(path.join(root, 'build', 'sandbox', 'main.js'));
	const accounts = require(path.join(root, 'build', 'sandbox', 'accounts.js'));
	const hover = require(path.join(root, 'build', 'sandbox', 'hover.js'));
	const haptik = require(path.join(root, 'build', 'sandbox', 'haptik.js'));
	const sandbox = await startSandbox(sandboxPort);
	let server;
	let exited = false;
	try {
		// The package, as n8n's community-package install leaves it; credentials and workflows, by n8n's CLI.
		installPackage(folder, pack);
		const declared = declaredTypes(path.join(folder, '.n8n', 'nodes', 'node_modules', pack.name));
		// The examples' own webhooks take the keys of n8n's Header Auth and Bearer Auth credentials.
		const secrets = accounts.testSecrets;
		const keyHeader = accounts.accounts.webhookKeyHeader;
		const credentials = sandboxCredentials(accounts, sandbox.url, secrets);
		writeFileSync(path.join(folder, 'credentials.json'), JSON.stringify(credentials, null, 2));
		const workflows = workflowsToImport();
		mkdirSync(path.join(folder, 'workflows'));
		for (const { file, workflow } of workflows) writeFileSync(path.join(folder, 'workflows', file.replace('/', '-')), JSON.stringify(workflow, null, 2));
		const idOf = (name) => workflows.find(({ workflow }) => workflow.name === name)?.workflow.id ?? workflows.find(({ file }) => file === name)?.workflow.id;
		const cli = (args, timeout = 240_000) =>
			execFileAsync(process.execPath, [n8nBin, ...args], { cwd: folder, env, timeout, maxBuffer: 256 * 1024 * 1024 }).catch((error) => {
				const said = `${error.stdout ?? ''}\n${error.stderr ?? ''}`.split('\n').filter((line) => line.trim() && !/^\s+at /.test(line));
				throw new Error(`n8n ${args[0]} failed (${error.code ?? error.signal}): ${said.slice(-4).join(' | ')}`);
			});
		await cli(['import:credentials', `--input=${path.join(folder, 'credentials.json')}`]);
		await cli(['import:workflow', '--separate', `--input=${path.join(folder, 'workflows')}`]);

		await check('examples', 'scheduled Hover report (n8n execute)', async () => {
			const { stdout } = await cli(['execute', `--id=${idOf('compat/hover-action-report-cli.json')}`, '--rawOutput']);
			const run = jsonIn(stdout);
			const lines = (run.data.resultData.runData['Report Line']?.[0]?.data?.main?.[0] ?? []).map((item) => item.json.line);
			if (!lines.some((line) => /^Old Promo .*archived since/.test(line))) throw new Error(`Report Line made ${JSON.stringify(lines)}`);
		});

		const log = openSync(logFile, 'a');
		server = spawn(process.execPath, [n8nBin, 'start'], { cwd: folder, env, stdio: ['ignore', log, log], detached: true });
		closeSync(log);
		server.once('exit', () => (exited = true));
		if (!(await waitForN8n(n8nUrl, () => !exited))) throw new Error(`n8n ${version} did not start: ${oneLine(readFileSync(logFile, 'utf8').slice(-1500))}`);
		const rest = restClient(n8nUrl);
		// One more try after a dropped connection: on a busy machine n8n sometimes resets one.
		const api = (...args) => rest(...args).catch(async () => (await sleep(2000), rest(...args)));
		const owner = await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'Compat', lastName: 'Test', password: 'Sandbox-Passw0rd' });
		if (owner.status !== 200) throw new Error(`owner setup answered ${owner.status}: ${oneLine(JSON.stringify(owner.json))}`);

		const publish = async (name, probe) => {
			const id = idOf(name);
			const stored = (await api('GET', `/rest/workflows/${id}`)).json.data;
			let answer = await api('POST', `/rest/workflows/${id}/activate`, { versionId: stored.versionId });
			// n8n before 1.1xx has no publish route (404 without a body): a workflow is activated by saving it active.
			if (answer.status === 404 && answer.json === null) answer = await api('PATCH', `/rest/workflows/${id}`, { active: true, versionId: stored.versionId });
			if (answer.status === 404 && /version not found/i.test(answer.json?.message ?? '')) {
				// n8n 2.0's import:workflow records no version to publish, and saving records one only for
				// a change: the first node is moved by a pixel and the workflow saved, as in the editor.
				const { name: title, nodes, connections, settings, versionId } = stored;
				const moved = nodes.map((node, index) => (index === 0 ? { ...node, position: [node.position[0] + 1, node.position[1]] } : node));
				const saved = await api('PATCH', `/rest/workflows/${id}`, { name: title, nodes: moved, connections, settings, versionId });
				if (saved.status !== 200) throw new Error(`saving "${name}" answered ${saved.status}: ${oneLine(JSON.stringify(saved.json))}`);
				answer = await api('POST', `/rest/workflows/${id}/activate`, { versionId: saved.json.data.versionId });
			}
			if (answer.status !== 200) throw new Error(`publishing "${name}" answered ${answer.status}: ${oneLine(JSON.stringify(answer.json))}`);
			// n8n registers a published workflow's webhooks just after answering.
			if (probe) await eventually(`the webhook of "${name}" to be registered`, probe, (response) => response.status !== 404);
			return id;
		};
		const executions = async (id) => {
			const list = (await api('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}&limit=100`)).json?.data;
			return list?.results ?? [];
		};
		const outputs = async (id, node) => {
			const { parse } = require('flatted');
			const items = [];
			for (const execution of (await executions(id)).filter((e) => e.status === 'success')) {
				const record = (await api('GET', `/rest/executions/${execution.id}`)).json.data;
				const data = typeof record.data === 'string' ? parse(record.data) : record.data;
				items.push(...(data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json));
			}
			return items;
		};
		const post = (route, body, headers = {}) => fetch(`${n8nUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
		const answerOf = async (response) => ({ status: response.status, body: await response.json().catch(() => null) });

		await check('load', `${declared.nodes.length} nodes, ${declared.tools.length} AI-tool variants, ${declared.credentials.length} credentials`, async () => {
			const nodes = new Set(((await api('GET', '/types/nodes.json')).json ?? []).map((node) => node.name));
			const credentialTypes = new Set(((await api('GET', '/types/credentials.json')).json ?? []).map((credential) => credential.name));
			const missing = [...declared.nodes, ...declared.tools].filter((name) => !nodes.has(name)).concat(declared.credentials.filter((name) => !credentialTypes.has(name)));
			// n8n loads a package whole or not at all, and logs why: on the line after it names the package
			// (2.x), or alone (1.x).
			const lines = readFileSync(logFile, 'utf8').split('\n');
			const said = (line) => (line.includes(declared.name) && /fail|error/i.test(line)) || /Package subpath|Cannot find module/.test(line);
			const logged = [...new Set(lines.filter(said).map((line) => line.replace(/^Error: /, '').trim().slice(0, 200)))];
			const short = (name) => name.replace(`${declared.name}.`, '');
			if (missing.length || logged.length) {
				throw new Error([missing.length ? `not loaded (${missing.length}): ${missing.map(short).join(', ')}` : '', logged.length ? `n8n logged: ${logged.slice(0, 2).join(' | ')}` : ''].filter(Boolean).join('; '));
			}
		});

		// Without the package loaded, every other check fails for the same reason: they are not run.
		if (checks.some((c) => c.column === 'load' && !c.ok)) return { n8nWorkflow, checks };
		for (const credential of credentials.filter((c) => declared.credentials.includes(c.type))) {
			await check('credentials', credential.type, async () => {
				const stored = (await api('GET', `/rest/credentials/${credential.id}?includeData=true`)).json?.data;
				if (!stored) throw new Error('the imported credential is missing');
				const tested = await api('POST', '/rest/credentials/test', { credentials: { id: credential.id, name: stored.name, type: stored.type, data: stored.data } });
				if (tested.json?.data?.status !== 'OK') throw new Error(`n8n's credential test answered ${tested.status}: ${oneLine(JSON.stringify(tested.json))}`);
			});
		}

		await check('examples', 'IVR callback (Sobot, telSpiel)', async () => {
			const call = (key) => post('/webhook/ivr-callback', { phone: '13800000001' }, { [keyHeader]: key });
			await publish('ivr-callback.json', () => call('wrong-key'));
			const { status, body } = await answerOf(await call(secrets.ivrKey));
			if (status !== 200 || body?.desk !== 'VIP desk' || body?.customer !== 'Asha') throw new Error(`the caller got ${status} ${JSON.stringify(body)}`);
			const refused = await call('wrong-key');
			if (refused.status !== 403) throw new Error(`a wrong api-key got ${refused.status}`);
		});
		await check('examples', 'bot-facing callback API (Sobot, telSpiel)', async () => {
			const book = (key) => post('/webhook/bot/callback', { mobileNo: '13800000002' }, { [keyHeader]: key });
			await publish('bot-callback-api.json', () => book('wrong-key'));
			const { status, body } = await answerOf(await book(secrets.botPlatformKey));
			if (status !== 200 || body?.status_code !== 'SUCC001') throw new Error(`the bot got ${status} ${JSON.stringify(body)}`);
			const refused = await book('wrong-key');
			if (refused.status !== 403) throw new Error(`a wrong api-key got ${refused.status}`);
		});
		const handOver = (from) => post('/webhook/bot-handover', { from, name: from, text: `help ${from}` }, { [keyHeader]: secrets.botPlatformKey });
		let relay;
		await check('examples', 'bot chat handover (ServicePattern), with its relay', async () => {
			// Request Chat hands each chat to the relay workflow, which must be published first.
			relay = await publish('bot-chat-agent-replies.json', () => post('/webhook/servicepattern-relay', {}));
			await publish('bot-chat-handover.json', () => handOver('compat-probe'));
			const { status, body } = await answerOf(await handOver('compat-handover'));
			if (status !== 200 || !JSON.stringify(body).includes('help compat-handover')) throw new Error(`the bot got ${status} ${JSON.stringify(body)}`);
		});

		await check('triggers', 'ServicePattern Relay Trigger (relay example)', async () => {
			if (!relay) throw new Error('the relay example was not published');
			await eventually('the relay workflow to get the agent’s replies to compat-handover', () => outputs(relay, 'Reply for the Customer'), (items) => items.some((item) => item.to === 'compat-handover'), 45_000);
		});
		await check('triggers', 'ServicePattern Trigger (one conversation)', async () => {
			const follow = await publish('compat/servicepattern-trigger.json');
			const requestChat = (from) => post('/webhook/compat-request-chat', { from });
			await publish('compat/servicepattern-request-chat.json', () => requestChat('compat-probe-2'));
			const { status, body } = await answerOf(await requestChat('compat-follow'));
			if (status !== 200) throw new Error(`requesting the chat answered ${status} ${JSON.stringify(body)}`);
			await eventually('the trigger to start its workflow with the agent’s message', () => outputs(follow, 'ServicePattern Trigger'), (items) => items.length > 0, 60_000);
		});
		await check('triggers', 'Hover Trigger (a transaction)', async () => {
			const route = '/webhook/c0c0c0c0-0000-4000-8000-0000000000aa/hover';
			const id = await publish('compat/hover-trigger.json', () => post(route, {}));
			const forged = await post(route, hover.transactionWebhook('not-the-secret'));
			if (forged.status !== 401) throw new Error(`a transaction with a wrong secret got ${forged.status}`);
			const posted = await post(route, hover.transactionWebhook(hover.APP_WEBHOOK_SECRET));
			if (posted.status !== 200) throw new Error(`Hover's post got ${posted.status}`);
			await eventually('the trigger to start its workflow', () => outputs(id, 'Hover Trigger'), (items) => items.length > 0);
		});
		await check('triggers', 'Haptik Trigger (Haptik handover example)', async () => {
			await publish('haptik-agent-replies.json', () => post('/webhook/haptik-agent-replies', {}));
			const handover = await publish('haptik-agent-handover.json', () => post('/webhook/a0a0a0a0-0000-4000-8000-00000000aaaa/haptik', {}));
			await eventually('the trigger to register its hooks with Haptik', async () => [...sandbox.state.haptik.hooks.values()], (urls) => urls.length > 0 && urls.every((url) => url.startsWith(n8nUrl)));
			const haptikApi = (route, body) =>
				fetch(`${sandbox.url}/haptik${route}`, { method: 'POST', headers: { authorization: `Bearer ${haptik.HAPTIK_TOKEN}`, 'client-id': haptik.HAPTIK_CLIENT_ID, 'content-type': 'application/json' }, body: JSON.stringify(body) });
			if ((await haptikApi('/v1.0/user/', { auth_id: 'compat-user', name: 'Compat', mobile_no: '13800000001' })).status !== 200) throw new Error('the sandbox refused the Haptik user');
			if ((await haptikApi('/v1.0/log_message_from_user/', { user: { auth_id: 'compat-user' }, message_body: 'I need a human', message_type: 0, business_id: haptik.HAPTIK_BUSINESS_ID })).status !== 200) throw new Error('the sandbox refused the user’s message');
			await eventually('the handover workflow to run from Haptik’s webhook', () => outputs(handover, 'Haptik'), (items) => items.length > 0, 45_000).catch(async (error) => {
				// What Haptik sent and n8n answered, and how each execution ended: enough to tell a refused hook from a failed run.
				const sent = sandbox.state.haptik.deliveries.filter((delivery) => delivery.url.startsWith(n8nUrl)).map((delivery) => `${delivery.body?.subcategory ?? 'message'}: ${delivery.attempts.map((attempt) => attempt.status).join(', ') || 'not yet'}`);
				const runs = (await executions(handover)).map((execution) => execution.status);
				throw new Error(`${error.message}; Haptik’s hooks answered ${sent.join(' | ') || 'nothing sent'}; executions: ${runs.join(', ') || 'none'}`);
			});
		});

		await check('ai', 'AI agent example: Sobot and telSpiel as tools of the AI Agent', async () => {
			const chatTrigger = workflows.find(({ file }) => file === 'ai-agent-callback.json').workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
			const route = `/webhook/${chatTrigger.webhookId}/chat`;
			// The example's AI nodes (AI Agent 3, Chat Trigger 1.4, OpenAI Chat Model 1.3) are newer than
			// an older n8n has; it gets each at the newest version that n8n has, as its user would pick.
			const newest = new Map();
			for (const type of (await api('GET', '/types/nodes.json')).json ?? []) {
				const versions = [type.version].flat();
				newest.set(type.name, Math.max(newest.get(type.name) ?? 0, ...versions));
			}
			const id = idOf('ai-agent-callback.json');
			const stored = (await api('GET', `/rest/workflows/${id}`)).json.data;
			const older = stored.nodes.filter((node) => newest.has(node.type) && node.typeVersion > newest.get(node.type));
			if (older.length) {
				const nodes = stored.nodes.map((node) => (older.includes(node) ? { ...node, typeVersion: newest.get(node.type) } : node));
				const saved = await api('PATCH', `/rest/workflows/${id}`, { name: stored.name, nodes, connections: stored.connections, settings: stored.settings, versionId: stored.versionId });
				if (saved.status !== 200) throw new Error(`saving the example with this n8n's node versions answered ${saved.status}`);
			}
			await publish('ai-agent-callback.json', () => fetch(`${n8nUrl}${route}`));
			const { status, body } = await answerOf(await post(route, { action: 'sendMessage', sessionId: 'compat-chat', chatInput: 'Please call me back on 13800000001' }));
			if (status !== 200 || !/Asha: an agent is calling you now on 13800000001/.test(body?.output ?? '')) throw new Error(`the chat got ${status} ${JSON.stringify(body)}`);
			const calls = sandbox.state.telspiel.calls.filter((call) => call.campaign_name === 'AI agent callbacks');
			if (calls.length !== 1) throw new Error(`telSpiel got ${calls.length} AI agent callbacks`);
			if (older.length) return { note: `with this n8n's newest ${older.map((node) => `${node.name} (${node.typeVersion} → ${newest.get(node.type)})`).join(', ')}` };
		});
		const mcpClient = async (route, token) => {
			// The MCP SDK's ESM build: import() (from CommonJS too) takes the package's "import" export.
			const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
			const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
			const client = new Client({ name: 'contact-center-compat', version: '1.0.0' });
			const requestInit = token ? { headers: { authorization: `Bearer ${token}` } } : undefined;
			await client.connect(new StreamableHTTPClientTransport(new URL(`${n8nUrl}${route}`), { requestInit }));
			return client;
		};
		await check('ai', 'MCP server example: an MCP client uses the tools', async () => {
			await publish('mcp-server-tools.json', () => post('/mcp/contact-center', {}));
			const anonymous = await post('/mcp/contact-center', { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { accept: 'application/json, text/event-stream' });
			if (anonymous.status !== 401 && anonymous.status !== 403) throw new Error(`an MCP client without the token got ${anonymous.status}`);
			const client = await mcpClient('/mcp/contact-center', secrets.mcpToken);
			try {
				const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
				if (names.join() !== 'Call_Customer_Back,Find_Customer_in_Sobot') throw new Error(`the MCP server lists ${names.join(', ')}`);
				const found = await client.callTool({ name: 'Find_Customer_in_Sobot', arguments: { phone: '13800000001' } });
				if (found.isError || !found.content?.[0]?.text?.includes('"Asha"')) throw new Error(`Find_Customer_in_Sobot answered ${oneLine(JSON.stringify(found))}`);
			} finally {
				await client.close();
			}
		});
		const failedAi = checks.filter((c) => c.column === 'ai' && !c.ok);
		if (failedAi.length) {
			// Whose failure is it? The same $fromAI tool use with one of n8n's own nodes tells.
			let control;
			try {
				await publish('compat/mcp-n8n-tool.json', () => post('/mcp/compat-n8n-tool', {}));
				const client = await mcpClient('/mcp/compat-n8n-tool');
				try {
					const [tool] = (await client.listTools()).tools;
					const formatted = await client.callTool({ name: tool.name, arguments: { date: '2026-11-23T08:00:00Z' } });
					control = formatted.isError || !JSON.stringify(formatted.content).includes('2026-11-23') ? `fails: ${oneLine(JSON.stringify(formatted)).slice(0, 200)}` : 'works';
				} finally {
					await client.close();
				}
			} catch (error) {
				control = `fails: ${brief(error).slice(0, 200)}`;
			}
			for (const failed of failedAi) failed.detail += ` (control: n8n's own DateTime node as an MCP tool with $fromAI ${control === 'works' ? 'works' : `${control.replace(/^fails/, 'fails too')}`})`;
			say(`    control: n8n's own DateTime tool over MCP ${control}`);
		}
	} catch (error) {
		checks.push({ column: 'load', name: 'n8n with the package starts', ok: false, detail: oneLine(error?.message ?? error) });
		say(`    ✗ ${oneLine(error?.message ?? error)}`);
	} finally {
		if (server && !exited) {
			const signal = (name) => {
				try {
					process.kill(-server.pid, name);
				} catch {
					// gone
				}
			};
			const stopped = new Promise((resolve) => server.once('exit', resolve));
			signal('SIGTERM');
			await Promise.race([stopped, sleep(30_000)]);
			signal('SIGKILL');
		}
		await sandbox.close();
		if (keep) say(`    kept ${folder}`);
		else rmSync(folder, { recursive: true, force: true });
	}
	return { n8nWorkflow, checks };
}

// ——— the run ———

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const entries = options.versions
		? options.versions.map((version) => MATRIX.versions.find((entry) => entry.version === version) ?? { version, role: 'asked for', expect: undefined })
		: MATRIX.versions.filter((entry) => options.all || entry.ends);
	const pack = options.tarball ? tarballInfo(options.tarball) : { ...packPackage(mkdtempSync(path.join(tmpdir(), 'n8n-compat-pack-'))), name: pkg.name };
	say(`Compatibility of ${pack.name ?? 'the package'} ${pack.version} (${path.basename(pack.tarball)}) with n8n ${entries.map((e) => e.version).join(', ')}; cache ${cacheRoot}`);
	const started = Date.now();
	const results = [];
	for (const entry of entries) {
		const began = Date.now();
		say(`\nn8n ${entry.version} (${entry.role})`);
		const installed = options.n8nRoot ? { dir: options.n8nRoot, seconds: 0, cached: true } : await ensureInstalled(entry.version);
		let result;
		if (options.installOnly) {
			say(installed.error ? `  not installable: ${installed.error}` : `  installed${installed.cached ? ' (cached)' : ` in ${installed.seconds} s`}`);
			continue;
		}
		if (installed.error) {
			say(`  not installable: ${installed.error}`);
			result = { ...entry, outcome: 'not installable', installError: installed.error, installSeconds: installed.seconds, checks: [] };
		} else {
			const measured = await measure({ version: entry.version, n8nDir: installed.dir, pack, only: options.only, keep: options.keep });
			result = { ...entry, outcome: table.outcomeOf(measured.checks), n8nWorkflow: measured.n8nWorkflow, installSeconds: installed.seconds, checks: measured.checks };
		}
		result.seconds = Math.round((Date.now() - began) / 1000);
		say(`  → ${result.outcome}${entry.expect && entry.expect !== result.outcome ? ` (expected: ${entry.expect})` : ''}; ${result.seconds} s${installed.cached ? '' : `, of which installing ${installed.seconds} s`}`);
		results.push(result);
	}
	if (options.installOnly) {
		say(`\nInstalled in ${Math.round((Date.now() - started) / 1000)} s.`);
		process.exit(0);
	}
	const run = {
		measured: new Date().toISOString().slice(0, 10),
		node: process.version,
		package: pack.version,
		command: options.all ? 'npm run test:compat -- --all' : `npm run test:compat${options.versions ? ` -- --versions=${options.versions.join(',')}` : ''}`,
		versions: results.map(({ version, role, expect, why, outcome, n8nWorkflow, installError, checks }) => ({ version, role, expect, why, outcome, n8nWorkflow, installError, checks })),
		findings: MATRIX.findings,
	};
	say(`\n${table.renderSection(run)}\n`);
	const mismatched = results.filter((result) => result.expect && result.expect !== result.outcome);
	const failedUnexpected = results.filter((result) => !result.expect && result.outcome !== 'pass');
	if (options.results) writeFileSync(options.results, `${JSON.stringify({ ...run, seconds: results.map(({ version, seconds, installSeconds }) => ({ version, seconds, installSeconds })) }, null, 2)}\n`);
	if (options.all && !options.only && !options.n8nRoot && !options.tarball) {
		writeFileSync(RESULTS_FILE, `${JSON.stringify(run, null, '\t')}\n`);
		writeFileSync(README, table.replaceSection(readFileSync(README, 'utf8'), table.renderSection(run)));
		say(`Wrote ${path.relative(root, RESULTS_FILE)} and the README's compatibility table.`);
	}
	const total = Math.round((Date.now() - started) / 1000);
	const bad = [...mismatched, ...failedUnexpected];
	const summary = `${results.length - bad.length} passed, ${bad.length} failed`;
	say(`${bad.length ? `Not as stated: ${bad.map((r) => `${r.version} ${r.outcome}${r.expect ? ` (stated: ${r.expect})` : ''}`).join(', ')}. ` : ''}${total} s in all.`);
	say(`compat: ${summary}`);
	process.exit(bad.length ? 1 : 0);
}

/** Name and version of a given tarball, from its package.json. */
function tarballInfo(tarball) {
	const { execFileSync } = require('node:child_process');
	const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
	return { tarball, version: manifest.version, name: manifest.name };
}

main().catch((error) => {
	process.stderr.write(`test:compat failed: ${error?.stack ?? error}\n`);
	process.exit(1);
});
