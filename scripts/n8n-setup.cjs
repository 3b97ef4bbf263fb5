// What `npm start` and the queue-mode stack both do to an n8n: install the packed package where n8n
// keeps community packages, the sandbox credentials the examples name, and the settings that keep
// an offline n8n quiet.
// CommonJS, like every script here (docs/add-a-service.md), so that the scripts and the jest tests can require it.
'use strict';
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pkg = require('../package.json');
const { services } = require('./services.json');
const n8nBin = path.join(root, 'node_modules', 'n8n', 'bin', 'n8n');

const quietEnv = {
	// The default "vm" expression engine needs a native module this project does not build
	// (isolated-vm); QuickJS, also isolated, is WebAssembly.
	N8N_EXPRESSION_ENGINE: 'quickjs',
	// Keep today's behaviour, which n8n otherwise warns will change.
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_RUNNERS_TASK_TIMEOUT: '300',
	N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
	// n8n's calls to its own servers (telemetry, version checks, templates, banners) fail offline and
	// say so at length; none of them is needed to try the package.
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	// The nodes panel's list of verified community nodes to install (n8n's Strapi API, fetched when the
	// panel opens; offline three ENOTFOUND stack traces). Installed packages, this one too, still load.
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
	N8N_SECURE_COOKIE: 'false',
};

/** Packs the package once into `packDir`; returns the tarball's path. */
function packPackage(packDir) {
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], shell: process.platform === 'win32' }));
	return { tarball: path.join(packDir, packed.filename), version: packed.version };
}

/** Installs a packed tarball where n8n installs community packages (Settings → Community Nodes) for one user folder. */
function installPackage(userFolder, { tarball, version }) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: version } }, null, 2));
}

/**
 * The credentials the example workflows name, by id, with the sandbox's test accounts. `secrets`
 * (sandbox/accounts.ts InboundSecrets) guard n8n's own inbound surfaces: the relay's secret and the
 * keys the examples' webhooks take; the tests' fixed ones unless given.
 */
function sandboxCredentials({ credentialData, inboundCredentialData, testSecrets }, sandboxUrl, secrets = testSecrets) {
	const data = credentialData((service) => `${sandboxUrl}/${service}`, secrets);
	const inbound = inboundCredentialData(secrets);
	return [
		// One per service (scripts/services.json), by the id the example workflows name.
		...services.map(({ sandboxCredential, credentialType }) => ({ ...sandboxCredential, type: credentialType, data: data[credentialType] })),
		// n8n's own credentials that the examples' inbound surfaces and the AI agent use.
		{ id: 'sbxBotApiKey0001', name: 'Sandbox bot platform API key', type: 'httpHeaderAuth', data: inbound.botPlatform },
		{ id: 'sbxIvrApiKey0001', name: 'Sandbox IVR API key', type: 'httpHeaderAuth', data: inbound.ivr },
		{ id: 'sbxMcpToken00001', name: 'Sandbox MCP client token', type: 'httpBearerAuth', data: inbound.mcp },
		{ id: 'sbxOpenAiModel01', name: 'Sandbox chat model (OpenAI-compatible)', type: 'openAiApi', data: data.openAiApi },
	];
}

/** The files npm start keeps its generated secrets in, one per secret, readable by their owner only. */
const SECRET_FILES = { relaySecret: 'servicepattern-relay-secret', botPlatformKey: 'bot-platform-key', ivrKey: 'ivr-key', mcpToken: 'mcp-token' };

/**
 * The secrets of one n8n folder: made once (32 random bytes each) and kept in `<folder>/keys/`, so
 * they survive restarts; delete a file (or the folder) to have a new one made at the next start.
 */
function folderSecrets(userFolder) {
	const dir = path.join(userFolder, 'keys');
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	return Object.fromEntries(
		Object.entries(SECRET_FILES).map(([name, file]) => {
			const at = path.join(dir, file);
			if (!existsSync(at)) writeFileSync(at, randomBytes(32).toString('hex'), { mode: 0o600 });
			return [name, readFileSync(at, 'utf8').trim()];
		}),
	);
}

/** n8n's REST API at `baseUrl`, signed in by the cookie n8n issues (n8n-auth) once the owner is set up or logs in. */
function restClient(baseUrl) {
	let cookie = '';
	return async (method, route, body) => {
		const response = await fetch(`${baseUrl}${route}`, { method, headers: { 'content-type': 'application/json', cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
		const auth = response.headers.getSetCookie().find((entry) => entry.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		return { status: response.status, json: await response.json().catch(() => null) };
	};
}

module.exports = { root, pkg, n8nBin, quietEnv, packPackage, installPackage, sandboxCredentials, folderSecrets, SECRET_FILES, restClient };
