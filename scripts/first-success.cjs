// A newcomer's first success, timed: `npm start` on a fresh n8n folder until n8n is ready, the owner
// account, publishing the IVR callback example and the curl that rings Asha back; then `npm start`
// again on the same folder (a second start). Run it in a clone after `npm install`:
//
//   node scripts/first-success.cjs            prints each step's time in seconds, and the total
//
// Free ports and a throwaway n8n folder, so it runs beside another n8n. docs/development.md quotes it.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const { freePorts, isFree } = require('./free-ports.cjs');
const { restClient, root } = require('./n8n-setup.cjs');

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

/** `npm start` until it says n8n is ready; resolves with the process. */
async function start(env) {
	const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	while (!output.includes('n8n is ready')) {
		if (child.exitCode !== null) throw new Error(`npm start ended:\n${output.slice(-2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return child;
}

async function stop(child, ports) {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	process.kill(-child.pid, 'SIGTERM');
	await exited;
	// npm ends once it has passed the signal on; n8n and the sandbox shut down after it.
	for (const port of ports) while (!(await isFree(port))) await new Promise((resolve) => setTimeout(resolve, 200));
}

async function main() {
	const folder = mkdtempSync(path.join(tmpdir(), 'n8n-first-success-'));
	const [n8nPort, sandboxPort, brokerPort] = await freePorts(3);
	const env = {
		...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('N8N_'))),
		NODE_ENV: 'production',
		N8N_PORT: String(n8nPort),
		SANDBOX_PORT: String(sandboxPort),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DEV_FOLDER: folder,
	};
	const ports = [n8nPort, sandboxPort, brokerPort];
	const steps = [];
	try {
		let since = Date.now();
		const first = await start(env);
		steps.push(['npm start, fresh n8n folder, until n8n is ready', seconds(since)]);

		since = Date.now();
		const api = restClient(`http://127.0.0.1:${n8nPort}`);
		await api('POST', '/rest/owner/setup', { email: 'owner@example.com', firstName: 'New', lastName: 'Comer', password: 'Sandbox-Passw0rd' });
		const workflows = (await api('GET', '/rest/workflows')).json.data;
		const ivr = workflows.find((workflow) => workflow.name.startsWith('IVR callback'));
		const { versionId } = (await api('GET', `/rest/workflows/${ivr.id}`)).json.data;
		await api('POST', `/rest/workflows/${ivr.id}/activate`, { versionId });
		const key = readFileSync(path.join(folder, 'keys', 'ivr-key'), 'utf8').trim();
		const call = () =>
			fetch(`http://localhost:${n8nPort}/webhook/ivr-callback`, { method: 'POST', headers: { 'api-key': key, 'content-type': 'application/json' }, body: '{"phone": "13800000001"}' });
		let answer = await call();
		for (let attempt = 0; answer.status === 404 && attempt < 40; attempt++) answer = await call();
		steps.push(['owner account, publish the IVR example, the curl answered', seconds(since)]);
		const body = await answer.text();
		if (answer.status !== 200) throw new Error(`the IVR example answered ${answer.status}: ${body}`);

		since = Date.now();
		await call();
		steps.push(['one more call to the IVR example', seconds(since)]);
		await stop(first, ports);

		since = Date.now();
		await stop(await start(env), ports);
		steps.push(['npm start again on the same folder, until n8n is ready', seconds(since)]);
		for (const [step, time] of steps) process.stdout.write(`${time.padStart(6)} s  ${step}\n`);
		process.stdout.write(`The IVR example answered: ${body}\n`);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

// Ends at once, as when this script ran its steps at the top level: a failed step can leave the
// detached npm start running, whose output pipes would otherwise keep this process waiting.
main().catch((error) => {
	process.stderr.write(`first-success failed: ${error?.stack ?? error}\n`);
	process.exit(1);
});
