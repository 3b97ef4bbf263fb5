// n8n in queue mode, for real, on this machine: PostgreSQL and Redis from Debian's packages
// (installed with apt-get when missing: CI runs as root), the sandbox, an n8n main and `n8n worker`
// processes, each with its own user folder holding the packed package, all on free loopback ports
// with their data in one temporary folder. What it took and the traps it avoids:
// ../shared/n8n/queue-mode.md.
//
//   const stack = await startQueueStack({ workers: 2 });  …  await stack.stop();
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const { freePorts } = require('./free-ports.cjs');
const { installPackage, n8nBin, packPackage, quietEnv, restClient, root, sandboxCredentials } = require('./n8n-setup.cjs');

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function postgresBin() {
	const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
	const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).find((dir) => existsSync(path.join(dir, 'initdb')));
	return found;
}

const onPath = (command) => {
	try {
		execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
};

/** Redis and PostgreSQL servers, from Debian's packages; installed when missing. */
function ensureServers() {
	if (!onPath('redis-server') || !postgresBin()) {
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
		execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server', 'postgresql'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	}
	return { postgres: postgresBin() };
}

/** Runs a command as the `postgres` user: PostgreSQL refuses to run as root. */
const asPostgres = (command) => execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { cwd: '/', stdio: ['ignore', 'ignore', 'pipe'] });

async function until(check, what, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check().catch(() => false)) return;
		await wait(250);
	}
	throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

/** A child process whose output is kept, for the tests to read (which worker ran what). */
function spawnLogged(name, command, args, env, folder) {
	const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	const entry = { name, child, output: '' };
	const keep = (chunk) => (entry.output += chunk.toString());
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	child.once('exit', () => writeFileSync(path.join(folder, `${name}.log`), entry.output));
	entry.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	return entry;
}

/**
 * `webhookProcesses`: `n8n webhook` processes besides the main, as a load balancer in front of n8n
 * would send production webhooks to (they run no triggers).
 */
async function startQueueStack({ workers = 2, webhookProcesses = 0, env: extraEnv = {} } = {}) {
	const started = Date.now();
	const { postgres } = ensureServers();
	const folder = mkdtempSync(path.join(tmpdir(), 'n8n-queue-'));
	// postgres must reach its data folder inside this root-owned one.
	chmodSync(folder, 0o711);
	const processes = [];
	let pgData;
	const stop = async () => {
		for (const entry of [...processes].reverse()) {
			if (entry.child.exitCode === null && entry.child.signalCode === null) entry.child.kill('SIGTERM');
			await Promise.race([entry.exited, wait(20_000)]);
			if (entry.child.exitCode === null && entry.child.signalCode === null) entry.child.kill('SIGKILL');
		}
		if (pgData) {
			try {
				asPostgres(`${postgres}/pg_ctl -D ${pgData} -m fast -w stop`);
			} catch {
				// already stopped
			}
		}
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		const [pgPort, redisPort, sandboxPort, mainPort, mainBrokerPort] = await freePorts(5);

		const pgDir = path.join(folder, 'pg');
		mkdirSync(pgDir);
		execFileSync('chown', ['postgres:postgres', pgDir]);
		pgData = path.join(pgDir, 'data');
		asPostgres(`${postgres}/initdb -D ${pgData} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8`);
		asPostgres(`${postgres}/pg_ctl -D ${pgData} -l ${pgDir}/pg.log -w -o "-p ${pgPort} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=off" start`);
		execFileSync('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-c', "CREATE USER n8n PASSWORD 'n8n'", '-c', 'CREATE DATABASE n8n OWNER n8n'], { stdio: 'ignore' });

		const redisDir = path.join(folder, 'redis');
		mkdirSync(redisDir);
		const redis = spawnLogged('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], process.env, folder);
		processes.push(redis);

		const sandbox = spawnLogged('sandbox', process.execPath, [path.join(root, 'build', 'sandbox', 'cli.js')], { ...process.env, SANDBOX_PORT: String(sandboxPort) }, folder);
		processes.push(sandbox);
		const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
		await until(async () => (await fetch(`${sandboxUrl}/__sandbox/requests`)).ok, 'The sandbox', 10_000);

		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const common = {
			...process.env,
			...quietEnv,
			// jest runs under NODE_ENV=test, where n8n loads no nodes.
			NODE_ENV: 'production',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n',
			N8N_ENCRYPTION_KEY: 'queue-mode-test-encryption-key',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			// Where nodes on a worker reach the main's production webhooks (the ServicePattern relay).
			WEBHOOK_URL: `${mainUrl}/`,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_LOG_LEVEL: 'info',
			...extraEnv,
		};
		const accounts = require(path.join(root, 'build', 'sandbox', 'accounts.js'));
		const packed = packPackage(path.join(folder, 'pack'));
		const mainHome = path.join(folder, 'main');
		installPackage(mainHome, packed);
		const mainEnv = { ...common, N8N_USER_FOLDER: mainHome, N8N_PORT: String(mainPort), N8N_RUNNERS_BROKER_PORT: String(mainBrokerPort) };
		// The first command migrates the empty database; the examples get ids of their own (--separate).
		// Besides the sandbox's: n8n's own PostgreSQL, for memory that every worker shares (an AI agent's
		// Simple Memory lives in one process, which queue mode does not support).
		const chatMemory = {
			id: 'queuePostgres001',
			name: 'Queue mode PostgreSQL (chat memory)',
			type: 'postgres',
			data: { host: '127.0.0.1', port: pgPort, database: 'n8n', user: 'n8n', password: 'n8n', ssl: 'disable' },
		};
		writeFileSync(path.join(folder, 'credentials.json'), JSON.stringify([...sandboxCredentials(accounts, sandboxUrl), chatMemory]));
		execFileSync(process.execPath, [n8nBin, 'import:credentials', `--input=${path.join(folder, 'credentials.json')}`], { cwd: root, env: mainEnv, stdio: ['ignore', 'ignore', 'pipe'] });
		execFileSync(process.execPath, [n8nBin, 'import:workflow', '--separate', `--input=${path.join(root, 'examples')}`], { cwd: root, env: mainEnv, stdio: ['ignore', 'ignore', 'pipe'] });

		const main = spawnLogged('main', process.execPath, [n8nBin, 'start'], mainEnv, folder);
		processes.push(main);
		const workerEntries = [];
		for (let i = 0; i < workers; i++) {
			const home = path.join(folder, `worker-${i + 1}`);
			// Every worker needs the package in its own user folder, and its own ports.
			installPackage(home, packed);
			const [brokerPort, healthPort] = await freePorts(2);
			const workerEnv = {
				...common,
				N8N_USER_FOLDER: home,
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			};
			const worker = spawnLogged(`worker-${i + 1}`, process.execPath, [n8nBin, 'worker', '--concurrency=20'], workerEnv, folder);
			worker.healthUrl = `http://127.0.0.1:${healthPort}`;
			processes.push(worker);
			workerEntries.push(worker);
		}
		await until(async () => (await fetch(`${mainUrl}/healthz/readiness`)).ok, 'The n8n main', 180_000);
		// After the main: it holds the database's migration lock while it starts, which the others wait for.
		const webhookEntries = [];
		for (let i = 0; i < webhookProcesses; i++) {
			const home = path.join(folder, `webhook-${i + 1}`);
			installPackage(home, packed);
			const [port, brokerPort] = await freePorts(2);
			const webhook = spawnLogged(`webhook-${i + 1}`, process.execPath, [n8nBin, 'webhook'], { ...common, N8N_USER_FOLDER: home, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(brokerPort) }, folder);
			webhook.url = `http://127.0.0.1:${port}`;
			processes.push(webhook);
			webhookEntries.push(webhook);
		}
		for (const worker of workerEntries) await until(async () => (await fetch(`${worker.healthUrl}/healthz/readiness`)).ok, worker.name, 120_000);
		for (const webhook of webhookEntries) await until(async () => (await fetch(`${webhook.url}/healthz/readiness`)).ok, webhook.name, 120_000);

		const api = restClient(mainUrl);
		await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'Queue', lastName: 'Mode', password: 'Sandbox-Passw0rd' });

		return {
			folder,
			mainUrl,
			sandboxUrl,
			main,
			workers: workerEntries,
			webhookProcesses: webhookEntries,
			api,
			startedInMs: Date.now() - started,
			/** Psql against n8n's database. */
			sql: (query) => execFileSync('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'n8n', '-d', 'n8n', '-At', '-c', query], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: 'n8n' } }).trim(),
			stop,
		};
	} catch (error) {
		const logs = processes.map((entry) => `--- ${entry.name}\n${entry.output.slice(-2000)}`).join('\n');
		await stop();
		throw new Error(`${error.message}\n${logs}`);
	}
}

module.exports = { startQueueStack, ensureServers };
