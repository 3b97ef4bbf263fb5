/**
 * A real n8n (the n8n CLI, regular mode, SQLite) with the built package where n8n keeps community
 * packages and the sandbox credentials, on free ports, for tests that need n8n's own webhook server:
 * its body parsing, payload limit, authentication of its own nodes, and the way it runs our
 * webhook() and trigger() code. What `npm start` does (test/packaging/start.test.ts runs that),
 * made quicker: the built files copied instead of packed, the credentials created over REST instead
 * of by one more n8n command.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as accounts from '../../sandbox/accounts';
import type { Api } from './n8n-rest';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const setup = require('../../scripts/n8n-setup.cjs') as {
	n8nBin: string;
	quietEnv: Record<string, string>;
	root: string;
	pkg: { name: string; version: string };
	sandboxCredentials(accountsModule: typeof accounts, sandboxUrl: string): Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>;
	restClient(baseUrl: string): Api;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePorts } = require('../../scripts/free-ports.cjs') as { freePorts(count: number): Promise<number[]> };

export interface N8nInstance {
	url: string;
	api: Api;
	/** The ID n8n gave each sandbox credential, by the ID the examples name it with. */
	credentialIds: Record<string, string>;
	/** Everything n8n wrote to stdout and stderr so far. */
	output(): string;
	/** n8n's SQLite database file, for what n8n itself writes and no route sets (a workflow's static data). */
	databaseFile: string;
	stop(): Promise<void>;
}

export async function startN8n(options: { sandboxUrl: string; env?: Record<string, string> }): Promise<N8nInstance> {
	const folder = mkdtempSync(path.join(tmpdir(), 'n8n-instance-'));
	const [port, brokerPort] = await freePorts(2);
	const url = `http://127.0.0.1:${port}`;
	const env = {
		...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('N8N_'))),
		...setup.quietEnv,
		// jest runs under NODE_ENV=test, where n8n loads no community nodes.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: folder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		// Where Request Chat reaches the relay's production webhook.
		WEBHOOK_URL: `${url}/`,
		N8N_LOG_LEVEL: 'info',
		// n8n pings its database every 2 s and answers every request 503 "Database is not ready!" for 2 s
		// after one ping that took over 5 s, as SQLite's can on a machine busy with other tests.
		DB_PING_TIMEOUT_MS: '30000',
		...options.env,
	};
	let child: ChildProcess | undefined;
	let output = '';
	const stop = async () => {
		if (child && child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((resolve) => child!.once('exit', resolve));
			child.kill('SIGTERM');
			const forced = setTimeout(() => child!.kill('SIGKILL'), 20_000);
			await exited;
			clearTimeout(forced);
		}
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		// Where Settings → Community Nodes installs a package: <folder>/.n8n/nodes/node_modules/<name>.
		const nodes = path.join(folder, '.n8n', 'nodes');
		const target = path.join(nodes, 'node_modules', setup.pkg.name);
		mkdirSync(target, { recursive: true });
		cpSync(path.join(setup.root, 'dist'), path.join(target, 'dist'), { recursive: true });
		cpSync(path.join(setup.root, 'package.json'), path.join(target, 'package.json'));
		writeFileSync(path.join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [setup.pkg.name]: setup.pkg.version } }));
		child = spawn(process.execPath, [setup.n8nBin, 'start'], { cwd: setup.root, env, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const deadline = Date.now() + 150_000;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}`);
			if (Date.now() > deadline) throw new Error('n8n did not come up within 150 s');
			// /healthz answers before the REST routes exist; the settings route (JSON with userManagement) only after.
			const settings = (await fetch(`${url}/rest/settings`)
				.then(async (answer) => (answer.ok ? await answer.json() : null))
				.catch(() => null)) as { data?: { userManagement?: unknown } } | null;
			if (settings?.data?.userManagement) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const api = setup.restClient(url);
		const owner = await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'Matrix', lastName: 'Test', password: 'Sandbox-Passw0rd' });
		if (owner.status !== 200) throw new Error(`The owner could not be set up: HTTP ${owner.status}`);
		const credentialIds: Record<string, string> = {};
		for (const credential of setup.sandboxCredentials(accounts, options.sandboxUrl)) {
			const created = await api('POST', '/rest/credentials', { name: credential.name, type: credential.type, data: credential.data });
			if (created.status !== 200) throw new Error(`Creating the credential "${credential.name}" answered ${created.status}: ${JSON.stringify(created.json).slice(0, 300)}`);
			credentialIds[credential.id] = (created.json!.data as { id: string }).id;
		}
		return { url, api, credentialIds, output: () => output, databaseFile: path.join(folder, '.n8n', 'database.sqlite'), stop };
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n${output.slice(-3000)}`);
	}
}

/** Creates a workflow (as exported from n8n's editor, naming the sandbox credentials by their IDs) through the REST API; returns its ID. */
export async function createWorkflow(n8n: Pick<N8nInstance, 'api' | 'credentialIds'>, workflow: { name: string; nodes: unknown[]; connections: unknown; settings?: unknown }): Promise<string> {
	const nodes = (workflow.nodes as Array<{ credentials?: Record<string, { id: string; name: string }> }>).map((node) => ({
		...node,
		...(node.credentials
			? { credentials: Object.fromEntries(Object.entries(node.credentials).map(([type, { id, name }]) => [type, { id: n8n.credentialIds[id] ?? id, name }])) }
			: {}),
	}));
	const created = await n8n.api('POST', '/rest/workflows', { name: workflow.name, nodes, connections: workflow.connections, settings: workflow.settings ?? { executionOrder: 'v1' }, active: false });
	if (created.status !== 200) throw new Error(`Creating "${workflow.name}" answered ${created.status}: ${JSON.stringify(created.json).slice(0, 500)}`);
	return (created.json!.data as { id: string }).id;
}
