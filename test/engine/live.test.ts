/**
 * The live suite (`npm run test:live`, test/live) pointed at the sandbox as if it were the real
 * services: it must pass there, with every operation run (all writes named) and undone, and write
 * fixtures that the nock replay suite replays as they are and that hold none of the run's secrets;
 * it must fail when the sandbox answers in a changed shape (its shape switch), report a field the
 * schemas do not name without failing, fail on a wrong password, and skip, passing, without credentials.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { accounts } from '../../sandbox/accounts';
import { haptikUserOf } from '../../sandbox/haptik';
import { APP_WEBHOOK_SECRET } from '../../sandbox/hover';
import { startSandbox } from '../../sandbox/main';
import type { Sandbox, ShapeChange } from '../../sandbox/main';
import { AGENT } from '../../sandbox/servicepattern';
import { EXAMPLES, SERVICES, exampleName, sandboxCredentials } from '../harness/operations';
import type { ServiceEntry } from '../harness/operations';
import { replayProblems } from '../harness/replay';
import { liveConfig } from '../live/config';
import type { LiveConfig } from '../live/config';
import { readLiveFixtures } from '../live/fixtures';
import { LIVE_PLAN, LIVE_TEST_NAME } from '../live/plan';
import { formatReport, runLive } from '../live/runner';
import type { LiveReport } from '../live/runner';

type Key = ServiceEntry['key'];

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await startSandbox()));
// nock patches Node's http for the whole jest worker: restored, so the next test file in it talks to real sockets.
afterAll(async () => {
	nock.restore();
	await sandbox.close();
});

/** The test data a maintainer would give for the sandbox's account: what the examples use. */
function testData(service: Key): IDataObject {
	const data: IDataObject = {};
	for (const example of EXAMPLES.filter((candidate) => candidate.service === service)) {
		const plan = LIVE_PLAN[exampleName(example)];
		// What a plan can find in the account itself is left to it.
		if (!plan || (plan.kind === 'read' && plan.find && !plan.note?.includes('party ID'))) continue;
		for (const need of plan.needs ?? []) {
			const value = example.parameters[need] as unknown;
			data[need] = (value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value) as IDataObject[string];
		}
	}
	return service === 'servicepattern' ? { ...data, partyId: AGENT.party_id } : data;
}

const ALL_WRITES = new Set(Object.keys(LIVE_PLAN).filter((key) => LIVE_PLAN[key].kind === 'write'));

function sandboxConfig(only: Key[], overrides: Partial<LiveConfig> = {}, credentials: Partial<Record<Key, IDataObject>> = {}, target = sandbox): LiveConfig {
	const data = sandboxCredentials(target) as unknown as Record<string, ICredentialDataDecryptedObject>;
	return {
		services: SERVICES.filter((entry) => only.includes(entry.key)).map((entry) => ({
			key: entry.key,
			credentials: { ...data[entry.service.credentialType], ...credentials[entry.key] } as ICredentialDataDecryptedObject,
			data: testData(entry.key),
			// The sandbox holds every service under its own prefix: that prefix is each one's root.
			roots: [target.serviceUrl(entry.key)],
		})),
		skipped: [],
		errors: [],
		writes: new Set<string>(),
		pauseMs: 0,
		timeoutMs: 5000,
		fixturesDir: mkdtempSync(path.join(tmpdir(), 'live-fixtures-')),
		progress: false,
		...overrides,
	};
}

const shape = async (change: ShapeChange | undefined) =>
	await fetch(`${sandbox.url}/__sandbox/shape`, change ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(change) } : { method: 'DELETE' });

const ALL: Key[] = SERVICES.map((entry) => entry.key);

describe('against the sandbox as the real services, with every write named', () => {
	let config: LiveConfig;
	let report: LiveReport;
	beforeAll(async () => {
		config = sandboxConfig(ALL, { writes: ALL_WRITES });
		report = await runLive(config);
	}, 120_000);

	test('it passes: the credential tests and every operation, each run through n8n’s engine', () => {
		expect(report.failures).toEqual([]);
		for (const service of report.services) expect(service.credentialTest).toEqual({ status: 'OK', message: 'Connection successful!' });
		const ran = new Set(report.services.flatMap((service) => service.runs.map((run) => run.key)));
		// End Chat runs as Request Chat's cleanup; everything else as itself.
		expect(EXAMPLES.map(exampleName).filter((key) => !ran.has(key))).toEqual([]);
		expect(report.services.flatMap((service) => [...service.skipped.map((skip) => skip.key), ...service.notNamed])).toEqual([]);
		// The reads ran on what the sandbox holds: its answers are its own.
		expect(report.services.flatMap((service) => service.runs.filter((run) => run.purpose === 'read').flatMap((run) => run.differences))).toEqual([]);
	});

	test('what the writes created is undone: archived, ended', () => {
		expect(report.services.flatMap((service) => service.cleanups.filter((cleanup) => !cleanup.done))).toEqual([]);
		const created = [...sandbox.state.hover.actions.values()].filter((action) => action.name === LIVE_TEST_NAME);
		expect(created.length).toBeGreaterThan(0);
		expect(created.filter((action) => !action.archived_at)).toEqual([]);
		expect([...sandbox.state.hover.apps.values()].filter((app) => app.name === LIVE_TEST_NAME && !app.archived_at)).toEqual([]);
		expect([...sandbox.state.servicepattern.chats.values()].filter((chat) => !chat.ended)).toEqual([]);
	});

	test('the fixtures replay in the nock suite as they are', async () => {
		const cases = readLiveFixtures(config.fixturesDir);
		expect(cases.length).toBeGreaterThan(40);
		nock.disableNetConnect();
		try {
			expect(await replayProblems(cases)).toEqual([]);
		} finally {
			nock.enableNetConnect();
		}
	}, 60_000);

	test('the fixtures and the report hold none of the run’s secrets, tokens, phone numbers or names', () => {
		const haptikUser = haptikUserOf('customer-1042');
		const known = [
			accounts.telspiel.username, accounts.telspiel.apiKey, accounts.sobot.appId, accounts.sobot.appKey, accounts.hover.email, accounts.hover.password,
			accounts.servicePattern.appId, accounts.servicePattern.tenantUrl, accounts.haptik.token, accounts.haptik.clientId, accounts.haptik.webhookSecret, APP_WEBHOOK_SECRET,
			...sandbox.state.hover.tokens, ...sandbox.state.sobot.tokensIssued,
			'9000000001', '13800000001', '+1 555 0001', 'chen@example.com', 'customer-1042', haptikUser.userName,
		];
		// Names are looked for as words: the scrambled key and tokens are random letters, which once held "…\nAnnCBF7…".
		const names = ['Asha', 'Chen', 'Ann', AGENT.first_name];
		expect(sandbox.state.hover.tokens.length + sandbox.state.sobot.tokensIssued.length).toBeGreaterThan(1);
		const files = readdirSync(config.fixturesDir).map((name) => readFileSync(path.join(config.fixturesDir, name), 'utf8'));
		expect(files).toHaveLength(ALL.length);
		const written = [...files, formatReport(report)].join('\n');
		expect(known.filter((value) => written.includes(value))).toEqual([]);
		expect(names.filter((name) => new RegExp(`(?<![A-Za-z0-9+/])${name}(?![A-Za-z0-9+/=])`).test(written))).toEqual([]);
		// …while what the run names itself stays readable.
		expect(written).toContain(LIVE_TEST_NAME);
	});
});

/** What the sandbox's accounts hold, without the sign-ins (tokens issued, logins counted). */
function accountsOf(state: Sandbox['state']): string {
	const { logins, tokens, ...hover } = state.hover;
	const { tokensIssued, ...sobot } = state.sobot;
	const { agentToolTokens, agentToolSignIns, ...haptik } = state.haptik;
	return JSON.stringify({ ...state, hover, sobot, haptik }, (_key, value: unknown) =>
		value instanceof Map ? [...value] : value instanceof Set ? [...value] : Buffer.isBuffer(value) ? value.length : value,
	);
}

test('the read-only operations leave the sandbox’s accounts as they were (sign-ins aside)', async () => {
	const fresh = await startSandbox();
	try {
		const before = accountsOf(fresh.state);
		const report = await runLive(sandboxConfig(ALL, {}, {}, fresh));
		expect(report.services.flatMap((service) => service.runs.filter((run) => run.purpose === 'read' && run.status === 'passed')).length).toBeGreaterThanOrEqual(14);
		expect(accountsOf(fresh.state)).toBe(before);
	} finally {
		await fresh.close();
	}
}, 60_000);

test('a sandbox switched to answer in a changed shape fails the run, and the report names the field', async () => {
	await shape({ service: 'hover', drop: ['public_id', 'id'] });
	try {
		const report = await runLive(sandboxConfig(['hover']));
		expect(report.failures).toContain('hover action.list (read): Hover answered without the expected list (no data)');
		const list = report.services[0].runs.find((run) => run.key === 'hover action.list');
		expect(list?.differences).toContain("GET /api/actions: data[].id: only in the sandbox's answer (string)");
		expect(formatReport(report)).toMatch(/FAIL hover action\.list[\s\S]*differs from the sandbox: GET \/api\/actions: data\[\]\.id: only in the sandbox's answer/);
	} finally {
		await shape(undefined);
	}
}, 60_000);

test('a field the output schema does not name is reported, not failed', async () => {
	await shape({ service: 'sobot', add: { n8n_live_extra: 'x' } });
	try {
		const report = await runLive(sandboxConfig(['sobot']));
		expect(report.failures).toEqual([]);
		const ticket = report.services[0].runs.find((run) => run.key === 'sobot ticket.get');
		expect(ticket?.extras).toContain('n8n_live_extra');
		expect(ticket?.differences.some((line) => line.endsWith('n8n_live_extra: only in the real answer (string)'))).toBe(true);
	} finally {
		await shape(undefined);
	}
}, 60_000);

test('a wrong password fails the credential test, and the report does not show it', async () => {
	const report = await runLive(sandboxConfig(['hover'], {}, { hover: { password: 'wrong-password-4711' } }));
	expect(report.services[0].credentialTest?.status).toBe('Error');
	expect(report.failures[0]).toMatch(/^Hover credential test: /);
	expect(formatReport(report)).not.toContain('wrong-password-4711');
}, 60_000);

test('without credentials it names each service it skipped and why, and passes', async () => {
	const config = await liveConfig({ LIVE_CREDENTIALS_FILE: path.join(tmpdir(), 'no-such-live.credentials.json') });
	expect(config.services).toEqual([]);
	expect(config.skipped.map((skip) => skip.key)).toEqual(ALL);
	expect(config.skipped.find((skip) => skip.key === 'hover')?.reason).toBe('no credentials: set LIVE_HOVER_EMAIL, LIVE_HOVER_PASSWORD (or "hover" in no-such-live.credentials.json)');
	const report = await runLive(config);
	expect(report.failures).toEqual([]);
	expect(formatReport(report)).toContain('telSpiel: skipped, no credentials: set LIVE_TELSPIEL_USERNAME, LIVE_TELSPIEL_API_KEY');
});
