// `npm start`: the sandbox plus real n8n with this package installed as a community package,
// credentials pointing at the sandbox and the example workflows imported. Ctrl-C stops both.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const userFolder = process.env.N8N_DEV_FOLDER ?? path.join(root, '.n8n-dev');
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 5680);
const n8nPort = Number(process.env.N8N_PORT ?? 5678);
// n8n's launcher is run with this script's own Node (24): its shebang would take whatever node is first on PATH.
const n8nBin = path.join(root, 'node_modules', 'n8n', 'bin', 'n8n');
const env = {
	...process.env,
	N8N_USER_FOLDER: userFolder,
	N8N_PORT: String(n8nPort),
	// The default "vm" expression engine needs a native module this project does not build.
	N8N_EXPRESSION_ENGINE: 'legacy',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
	N8N_SECURE_COOKIE: 'false',
	N8N_RUNNERS_ENABLED: 'false',
	N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
};

function say(line) {
	process.stdout.write(`${line}\n`);
}

/** Installs the packed package where n8n installs community packages (Settings → Community Nodes). */
function installPackage() {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', 'n8n-nodes-contact-center');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	const packDir = path.join(userFolder, 'pack');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
	execFileSync('tar', ['-xzf', path.join(packDir, packed.filename), '-C', target, '--strip-components=1']);
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-contact-center': packed.version } }, null, 2));
}

/** The credentials the example workflows name, by id, with the sandbox's test accounts. */
function sandboxCredentials(credentialData) {
	const data = credentialData((service) => `http://127.0.0.1:${sandboxPort}/${service}`);
	return [
		{ id: 'sbxTelSpiel00001', name: 'Sandbox telSpiel', type: 'telSpielApi' },
		{ id: 'sbxSobot00000001', name: 'Sandbox Sobot', type: 'sobotApi' },
		{ id: 'sbxHover00000001', name: 'Sandbox Hover', type: 'hoverApi' },
		{ id: 'sbxBotApiKey0001', name: 'Sandbox bot platform API key', type: 'httpHeaderAuth' },
		{ id: 'sbxSvcPattern001', name: 'Sandbox ServicePattern', type: 'servicePatternApi' },
	].map((credential) => ({ ...credential, data: data[credential.type] }));
}

function n8n(args) {
	execFileSync(process.execPath, [n8nBin, ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitForN8n(timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			// /healthz answers before the REST routes exist; the (public) settings route only after.
			if ((await fetch(`http://127.0.0.1:${n8nPort}/rest/settings`)).ok) return true;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

async function main() {
	const { startSandbox } = await import(path.join(root, 'build', 'sandbox', 'main.js'));
	const { credentialData } = await import(path.join(root, 'build', 'sandbox', 'accounts.js'));
	const sandbox = await startSandbox(sandboxPort);
	say(`Sandbox of the four APIs on ${sandbox.url} (test accounts: sandbox/README.md)`);

	installPackage();
	say('Installed n8n-nodes-contact-center as a community package of this n8n');
	writeFileSync(path.join(userFolder, 'sandbox-credentials.json'), JSON.stringify(sandboxCredentials(credentialData), null, 2));
	n8n(['import:credentials', `--input=${path.join(userFolder, 'sandbox-credentials.json')}`]);
	const marker = path.join(userFolder, 'examples-imported');
	if (!existsSync(marker)) {
		n8n(['import:workflow', '--separate', `--input=${path.join(root, 'examples')}`]);
		writeFileSync(marker, readdirSync(path.join(root, 'examples')).join('\n'));
	}
	say('Imported the sandbox credentials and the example workflows');

	const server = spawn(process.execPath, [n8nBin, 'start'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
	const n8nExited = new Promise((resolve) => server.once('exit', (code) => resolve(code ?? 0)));
	let stopping = false;
	// Waits for n8n's own graceful shutdown, so nothing is left listening when this process ends.
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		if (server.exitCode === null) server.kill('SIGTERM');
		await n8nExited;
		await sandbox.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	void n8nExited.then((code) => stop(code));

	if (await waitForN8n()) {
		say(`\nn8n is ready: http://localhost:${n8nPort}`);
		say('Create the owner account on first visit, then open Overview: the example workflows use the "Sandbox …" credentials.');
		say('Ctrl-C stops n8n and the sandbox.');
	} else {
		say('n8n did not answer within two minutes; see its output above.');
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
