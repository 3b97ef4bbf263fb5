/**
 * `npm run bench`: the pack measured against the sandbox on 127.0.0.1 (run in its own process), in
 * one run, printing a table and writing bench/latest.json. Not part of `npm test`: numbers are
 * reported, not asserted (see bench/RESULTS.md for the recorded ones and the targets).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';
import { Agent, request as undiciRequest } from 'undici';

import { conversationClientId } from '../nodes/ServicePattern/conversation';
import { accounts } from '../sandbox/accounts';
import { storedBinary } from '../test/harness/package';
import { productionWebhook, startTrigger, triggerHarness } from '../test/harness/triggers';
import { runWorkflow } from '../test/harness/workflow';
import { NODE_NAME, operationWorkflow, sandboxCredentials } from '../test/harness/operations';
import { appendHistory } from './history';
import { MAX_CONCURRENCY } from '../nodes/shared/requestOptions';
import { CONCURRENCY, ROOT, cpuMs, example, items, median, replayAnswers, runHttpRequestNode, runPack, startSandbox, subjects } from './subjects';
import type { BenchSandbox, RawCall } from './subjects';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const ITEMS_PER_SIDE = 12_000;
/**
 * Rounds of an item row: at least BENCH_REPEATS, and enough for 12,000 items per side, as an even
 * number (the order is reversed each round): a 1,000-item run takes half a second, and four of them
 * moved a row's ratio by up to 0.1 from one bench run to the next (bench/RESULTS.md, 2026-12-04).
 */
const itemRounds = (size: number) => {
	const rounds = Math.max(REPEATS, Math.ceil(ITEMS_PER_SIDE / size));
	return rounds + (rounds % 2);
};
/** Which subjects the item runs measure (telspiel, hover, sobot): all by default. */
const SUBJECTS = process.env.BENCH_SUBJECTS?.toLowerCase().split(',');
const chosen = (label: string) => !SUBJECTS || SUBJECTS.some((name) => label.toLowerCase().startsWith(name));
const rows: Array<Record<string, string | number>> = [];
const results: IDataObject = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg() } };

let sandbox: BenchSandbox;
let SANDBOX = '';
const credentials = () => sandboxCredentials(sandbox);

beforeAll(async () => {
	sandbox = await startSandbox();
	SANDBOX = sandbox.url;
}, 30_000);
afterAll(() => {
	sandbox?.stop();
	results.loadAverageAtEnd = os.loadavg();
	writeFileSync(path.join(__dirname, 'latest.json'), `${JSON.stringify({ ...results, rows }, null, 2)}\n`);
	appendHistory(results, rows);
	process.stdout.write(`\n${table(rows)}\n`);
});

function table(data: Array<Record<string, string | number>>): string {
	const columns = [...new Set(data.flatMap((row) => Object.keys(row)))];
	const lines = [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`];
	for (const row of data) lines.push(`| ${columns.map((c) => String(row[c] ?? '')).join(' | ')} |`);
	return lines.join('\n');
}

async function measure(run: () => Promise<unknown>): Promise<{ ms: number; cpu: number }> {
	const times: number[] = [];
	const cpus: number[] = [];
	for (let i = 0; i < REPEATS; i++) {
		global.gc?.();
		const cpu0 = cpuMs();
		const t0 = performance.now();
		await run();
		times.push(performance.now() - t0);
		cpus.push(cpuMs() - cpu0);
	}
	return { ms: median(times), cpu: median(cpus) };
}

async function undiciLoop(raw: RawCall, count: number) {
	const dispatcher = new Agent({ connections: CONCURRENCY });
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < count) {
				next++;
				const response = await undiciRequest(raw.url, { method: raw.method, headers: raw.headers, body: raw.body, dispatcher });
				await response.body.json();
			}
		}),
	);
	await dispatcher.close();
}

async function requestCount(pathPart: string): Promise<number> {
	const log = (await (await fetch(`${SANDBOX}/__sandbox/requests`)).json()) as { requests: Array<{ path: string }> };
	return log.requests.filter((entry) => entry.path.includes(pathPart)).length;
}

// First, in a process that has not yet run thousands of items: the relay's idle cost is measured above
// this process's own, and a heap grown by the item runs makes that own cost move (V8 collects it while
// idle: 115 ms per s at 200 chats after them, 20 before; bench/RESULTS.md, 2026-12-03).
test('relay: 200 and 1,000 conversations at once: agent event → workflow start latency, events per second, idle cost', async () => {
	results.relay = [];
	for (const chats of (process.env.BENCH_CHATS ?? '200,1000').split(',').map(Number)) (results.relay as IDataObject[]).push(await relayBench(chats));
}, 900_000);

test('Sobot: token requests for 10,000 Find Customer items (target 1)', async () => {
	const before = await requestCount('/api/get_token');
	const subject = { ...example('sobot', 'find'), parameters: { searchBy: 'customerId', value: 'u-1001' } };
	// The first Sobot run of this process: no token is cached yet.
	await runWorkflow(operationWorkflow(subject, { continueOnFail: true }), { input: items(10_000), credentials: credentials() });
	const fetched = (await requestCount('/api/get_token')) - before;
	rows.push({ measure: 'Sobot token requests for 10,000 Find Customer items (target 1)', 'pack ms': fetched });
	results.sobotTokenRequests = fetched;
}, 600_000);

test('items through a node vs the HTTP Request node vs a plain undici loop', async () => {
	for (const subject of (await subjects(sandbox)).filter((candidate) => chosen(candidate.label))) {
		for (const size of SIZES) {
			const input = items(size);
			// The HTTP Request node (batching 5, interval 0) sends every item at once; the pack runs at its
			// default Concurrency (5) and with as many in flight as it may (every item, up to its maximum).
			// They take turns, in an even number of rounds, the order reversed each round (pack, every item,
			// HTTP Request; then HTTP Request, every item, pack), so each pair compared runs in either order
			// equally often: in one process a 10,000-item run costs less the later it comes (the same HTTP
			// Request node run measured 976 and 567 µs an item two rounds apart), and a rotation of three
			// over three rounds put the HTTP Request node after the pack's every-item run in two of them.
			const sides = {
				pack: () => runPack(sandbox, subject, input),
				packAll: () => runPack(sandbox, subject, input, Math.min(size, MAX_CONCURRENCY)),
				http: () => runHttpRequestNode(sandbox, subject, input),
			};
			type Side = keyof typeof sides;
			const order: Side[] = ['pack', 'packAll', 'http'];
			const runs = Object.fromEntries(order.map((side) => [side, { ms: [] as number[], cpu: [] as number[], failed: 0 }])) as Record<Side, { ms: number[]; cpu: number[]; failed: number }>;
			for (let i = 0; i < itemRounds(size); i++) {
				for (const side of i % 2 === 0 ? order : [...order].reverse()) {
					global.gc?.();
					const cpu0 = cpuMs();
					const t0 = performance.now();
					runs[side].failed += await sides[side]();
					runs[side].ms.push(performance.now() - t0);
					runs[side].cpu.push(cpuMs() - cpu0);
				}
			}
			const plain = await measure(() => undiciLoop(subject.raw, size));
			// Ratios of the runs of one round, then their median.
			const ratio = (side: Side, of: 'ms' | 'cpu') => median(runs[side][of].map((value, i) => value / runs.http[of][i])).toFixed(2);
			const perItem = (side: Side) => Math.round((median(runs[side].cpu) * 1000) / size);
			rows.push({
				measure: `${subject.label}, ${size} items`,
				'pack ms (Concurrency 5 / every item)': `${Math.round(median(runs.pack.ms))} / ${Math.round(median(runs.packAll.ms))}`,
				'HTTP Request node ms': Math.round(median(runs.http.ms)),
				'undici ms': Math.round(plain.ms),
				'same in flight: pack / HTTP Request, time (≤ 0.9)': ratio('packAll', 'ms'),
				'same in flight: pack / HTTP Request, CPU (≤ 0.9)': ratio('packAll', 'cpu'),
				'defaults: pack (5) / HTTP Request, time': ratio('pack', 'ms'),
				'defaults: pack (5) / HTTP Request, CPU': ratio('pack', 'cpu'),
				'pack / undici (≤ 1.5)': (median(runs.packAll.ms) / plain.ms).toFixed(2),
				'CPU µs/item: pack (5 / every item) / HTTP Request': `${perItem('pack')} / ${perItem('packAll')} / ${perItem('http')}`,
				'failed (pack 5 / every item / HTTP Request)': `${runs.pack.failed} / ${runs.packAll.failed} / ${runs.http.failed}`,
			});
		}
	}
}, 3_600_000);

test('in process: CPU per item with the answers replayed (what the nodes and n8n do per item, no sockets)', async () => {
	const stop = replayAnswers();
	try {
		for (const subject of (await subjects(sandbox)).filter((candidate) => chosen(candidate.label))) {
			for (const size of SIZES) {
				const input = items(size);
				await runPack(sandbox, subject, items(200));
				await runHttpRequestNode(sandbox, subject, items(200));
				const cpu = { pack: [] as number[], http: [] as number[] };
				for (let i = 0; i < REPEATS; i++) {
					for (const side of i % 2 === 0 ? (['pack', 'http'] as const) : (['http', 'pack'] as const)) {
						global.gc?.();
						const cpu0 = cpuMs();
						await (side === 'pack' ? runPack : runHttpRequestNode)(sandbox, subject, input);
						cpu[side].push(cpuMs() - cpu0);
					}
				}
				rows.push({
					measure: `in process (answers replayed): ${subject.label}, ${size} items`,
					'in process: pack / HTTP Request, CPU (≤ 0.9)': median(cpu.pack.map((value, i) => value / cpu.http[i])).toFixed(2),
					'in process: CPU µs/item, pack / HTTP Request': `${Math.round((median(cpu.pack) * 1000) / size)} / ${Math.round((median(cpu.http) * 1000) / size)}`,
				});
			}
		}
	} finally {
		stop();
	}
}, 1_800_000);

test('package load: require every node and credential file of dist (target < 40 ms)', () => {
	const script = `
		require('n8n-workflow'); require('zod/v4');
		const files = ${JSON.stringify(
			(require(path.join(ROOT, 'package.json')) as { n8n: { nodes: string[]; credentials: string[] } }).n8n.nodes
				.concat((require(path.join(ROOT, 'package.json')) as { n8n: { credentials: string[] } }).n8n.credentials)
				.map((file) => path.join(ROOT, file)),
		)};
		const t0 = process.hrtime.bigint();
		for (const file of files) require(file);
		process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
	const runs = Array.from({ length: 11 }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })));
	rows.push({ measure: 'package load, median of 11 fresh processes, ms (target < 40)', 'pack ms': median(runs).toFixed(1) });
	results.packageLoadMs = median(runs);
});

test('trigger: agent event → workflow start latency (target < 100 ms median)', async () => {
	const workflow = {
		nodes: [
			{
				id: '00000000-0000-4000-8000-000000000009',
				name: 'Trigger',
				type: 'n8n-nodes-contact-center.servicePatternTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { conversation: 'key', conversationKey: 'bench-latency', events: ['agentMessage'] },
				credentials: { servicePatternApi: { id: '1', name: 'Sandbox' } },
			},
		],
		connections: {},
	};
	const trigger = await startTrigger(workflow, 'Trigger', credentials());
	const latencies: number[] = [];
	try {
		const chat = { ...example('servicepattern', 'requestChat'), parameters: { conversation: 'key', conversationKey: 'bench-latency' } };
		await runWorkflow(operationWorkflow(chat), { credentials: credentials() });
		await trigger.nextEmits(1, 10_000); // the greeting
		for (let i = 0; i < 20; i++) {
			const send = { ...example('servicepattern', 'sendMessage'), parameters: { conversation: 'key', conversationKey: 'bench-latency', message: `ping ${i}` } };
			// The sandbox's agent answers the moment the message arrives, so this is an upper bound:
			// it also holds the Send Message run that makes the agent answer.
			const t0 = performance.now();
			const emitted = trigger.nextEmits(1, 10_000);
			await runWorkflow(operationWorkflow(send), { credentials: credentials() });
			await emitted;
			latencies.push(Math.round(performance.now() - t0));
		}
	} finally {
		await trigger.close();
	}
	rows.push({ measure: 'trigger latency (upper bound), median ms (target < 100)', 'pack ms': median(latencies) });
	results.triggerLatencyMs = { median: median(latencies), max: Math.max(...latencies) };
}, 120_000);

/** This process's CPU per second while nothing runs, over `ms`. */
async function idleCpuPerSecond(ms: number): Promise<number> {
	global.gc?.();
	const start = cpuMs();
	await new Promise((resolve) => setTimeout(resolve, ms));
	return (cpuMs() - start) / (ms / 1000);
}

async function relayBench(chats: number) {
	const ROUNDS = 5;
	const IDLE_MS = 20_000;
	const path = `servicepattern-relay-${chats}`;
	const relayWorkflow = {
		nodes: [
			{
				id: '00000000-0000-4000-8000-000000000010',
				name: 'Relay',
				type: 'n8n-nodes-contact-center.servicePatternRelayTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { path, events: ['agentMessage'] },
				credentials: { servicePatternApi: { id: '1', name: 'Sandbox' } },
			},
		],
		connections: {},
	};
	// The process's own idle, before the relay starts and after it stops: on a shared machine it moves.
	const baselineBefore = await idleCpuPerSecond(IDLE_MS / 2);
	const relay = await startTrigger(relayWorkflow, 'Relay', credentials());
	const n8nWebhooks = await productionWebhook(await triggerHarness(relayWorkflow, 'Relay', credentials()), path);
	let measured: IDataObject = {};
	try {
		const chat = { ...example('servicepattern', 'requestChat'), parameters: { conversation: 'key', conversationKey: '={{ $json.customer }}', additionalFields: { relayPath: path } } };
		const customers = Array.from({ length: chats }, (_, i) => ({ json: { customer: `bench-relay-${chats}-${i}` } }));
		const opened = performance.now();
		const run = await runWorkflow(operationWorkflow(chat, { requestOptions: { concurrency: 20 } }), { credentials: credentials(), input: customers, instanceBaseUrl: `${n8nWebhooks.url}/` });
		if (run.error(NODE_NAME)) throw run.error(NODE_NAME);
		await relay.nextItems(chats, 120_000); // every greeting
		const openMs = Math.round(performance.now() - opened);

		// Idle: every chat has its poll held by the contact center (10 s here, 5–15 s in the docs).
		await new Promise((resolve) => setTimeout(resolve, 3000));
		global.gc?.();
		// RSS after a collection still holds what V8 has not given back; the heap in use is what was kept.
		const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
		const cpuBefore = cpuMs();
		const sandboxPollsBefore = await requestCount('/chats/');
		await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
		const idleCpu = (cpuMs() - cpuBefore) / (IDLE_MS / 1000);
		const idlePollsPerSecond = ((await requestCount('/chats/')) - sandboxPollsBefore) / (IDLE_MS / 1000);
		global.gc?.();
		const after = process.memoryUsage();
		const rssMb = Math.round((after.rss - rssBefore) / 2 ** 20);
		const heapMb = (after.heapUsed - heapBefore) / 2 ** 20;
		const rssTotalMb = Math.round(after.rss / 2 ** 20);

		const latencies: number[] = [];
		const rates: number[] = [];
		// After a burst every chat polls again; a round starts once the contact center holds all those
		// polls, as an agent's message finds them when bursts are not back to back. How long that takes
		// is its own measure (an event in that gap waits for its chat's next poll).
		const repolledMs: number[] = [];
		const allHeld = async (since: number) => {
			const deadline = performance.now() + 30_000;
			while (((await (await fetch(`${SANDBOX}/__sandbox/servicepattern/held-polls`)).json()) as { held: number }).held < chats) {
				if (performance.now() > deadline) throw new Error(`The relay did not poll all ${chats} chats again within 30 s`);
				// Every 20 ms: each look costs this process CPU, which the per-event figure includes.
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			return performance.now() - since;
		};
		await allHeld(performance.now());
		const burstCpu0 = cpuMs();
		for (let round = 0; round < ROUNDS; round++) {
			const before = relay.emitted.flat().length;
			const t0 = performance.now();
			await fetch(`${SANDBOX}/__sandbox/servicepattern/agent-message`, { method: 'POST', body: JSON.stringify({ msg: `round ${round}` }) });
			await relay.nextItems(before + chats, 60_000);
			const at = relay.emitted.flatMap((items, i) => items.map(() => relay.emittedAt[i])).slice(before, before + chats);
			latencies.push(...at.map((time) => time - t0));
			rates.push(chats / ((Math.max(...at) - t0) / 1000));
			repolledMs.push(await allHeld(Math.max(...at)));
		}
		// The relay's CPU per event in a burst: each event's poll answer, its emit and the chat's next poll
		// (and the looks at the held polls, a few per round).
		const cpuPerEventUs = ((cpuMs() - burstCpu0) * 1000) / (ROUNDS * chats);
		const sorted = [...latencies].sort((a, b) => a - b);
		const percentile = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
		measured = { chats, openMs, p50: percentile(50), p99: percentile(99), repolledMs: Math.round(median(repolledMs)), eventsPerSecond: Math.round(median(rates)), cpuPerEventUs: Math.round(cpuPerEventUs), idleCpu, idlePollsPerSecond, idleRssGrowthMb: rssMb, idleHeapGrowthMb: heapMb, rssMb: rssTotalMb, failedExecutions: relay.failedExecutions.length };
	} finally {
		await relay.close();
		await n8nWebhooks.close();
	}
	const baselineAfter = await idleCpuPerSecond(IDLE_MS / 2);
	const baseline = (baselineBefore + baselineAfter) / 2;
	const idleCpuMsPerSecond = (measured.idleCpu as number) - baseline;
	const perPoll = idleCpuMsPerSecond / (measured.idlePollsPerSecond as number);
	rows.push({ measure: `relay, ${chats} chats: open and register all (Request Chat, concurrency 20), ms`, 'pack ms': measured.openMs as number });
	rows.push({ measure: `relay, ${chats} chats: agent event → emit, p50 / p99 ms (${ROUNDS} rounds of one event per chat)`, 'pack ms': `${measured.p50} / ${measured.p99}` });
	rows.push({ measure: `relay, ${chats} chats: after a burst, every chat's poll held again, ms (median of ${ROUNDS})`, 'pack ms': measured.repolledMs as number });
	rows.push({ measure: `relay, ${chats} chats: events per second (median round) / CPU µs per event`, 'pack ms': `${measured.eventsPerSecond} / ${measured.cpuPerEventUs}` });
	rows.push({
		measure: `relay, ${chats} chats idle for ${IDLE_MS / 1000} s: CPU ms per s above this process's own idle (${baselineBefore.toFixed(1)} before, ${baselineAfter.toFixed(1)} after) / per held poll / polls per s / RSS growth MB / RSS MB / heap in use after a collection, growth MB`,
		'pack ms': `${idleCpuMsPerSecond.toFixed(1)} / ${perPoll.toFixed(2)} / ${(measured.idlePollsPerSecond as number).toFixed(1)} / ${measured.idleRssGrowthMb} / ${measured.rssMb} / ${(measured.idleHeapGrowthMb as number).toFixed(1)}`,
	});
	return { ...measured, idleCpuMsPerSecond, idleCpuMsPerPoll: perPoll, baselineCpuMsPerSecond: { before: baselineBefore, after: baselineAfter } };
}

test('files: Upload File and Get File, peak RSS growth (target < 64 MB)', async () => {
	const sampleRss = async (run: () => Promise<unknown>) => {
		global.gc?.();
		const base = process.memoryUsage().rss;
		let peak = base;
		const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		const t0 = performance.now();
		try {
			await run();
		} finally {
			clearInterval(timer);
		}
		return { mb: (Math.max(peak, process.memoryUsage().rss) - base) / 2 ** 20, ms: performance.now() - t0 };
	};
	const chat = { ...example('servicepattern', 'requestChat'), parameters: { conversation: 'key', conversationKey: 'bench-files' } };
	await runWorkflow(operationWorkflow(chat), { credentials: credentials() });
	// The node refuses uploads over the API's documented 25 MB: the largest allowed upload is measured.
	const uploadBytes = 25 * 1024 * 1024 - 1024;
	const binary = await storedBinary(Buffer.alloc(uploadBytes, 7), 'big.bin', 'application/octet-stream');
	const upload = { ...example('servicepattern', 'uploadFile'), parameters: { conversation: 'key', conversationKey: 'bench-files', binaryProperty: 'data', postToChat: false } };
	let fileId = '';
	const up = await sampleRss(async () => {
		const result = await runWorkflow(operationWorkflow(upload), { input: [{ json: {}, binary: { data: binary } }], credentials: credentials() });
		fileId = String(result.output(NODE_NAME)[0].json.fileId);
	});
	rows.push({ measure: `Upload File ${Math.round(uploadBytes / 2 ** 20)} MB (peak RSS growth target < 64 MB)`, 'pack ms': Math.round(up.ms), 'peak RSS growth MB': up.mb.toFixed(1) });
	const download = { ...example('servicepattern', 'getFile'), parameters: { conversation: 'key', conversationKey: 'bench-files', fileId } };
	const down = await sampleRss(() => runWorkflow(operationWorkflow(download), { credentials: credentials() }));
	rows.push({ measure: `Get File ${Math.round(uploadBytes / 2 ** 20)} MB (peak RSS growth target < 64 MB)`, 'pack ms': Math.round(down.ms), 'peak RSS growth MB': down.mb.toFixed(1) });
	// 100 MB: put straight into the sandbox (the node itself uploads at most 25 MB), then fetched by the node.
	const big = 100 * 1024 * 1024;
	const form = new FormData();
	form.append('file', new Blob([Buffer.alloc(big, 9)], { type: 'application/octet-stream' }), 'hundred.bin');
	const clientId = conversationClientId('bench-files');
	const stored = (await (
		await fetch(`${SANDBOX}/servicepattern/clientweb/api/v1/files?tenantUrl=${accounts.servicePattern.tenantUrl}`, {
			method: 'POST',
			headers: { authorization: `MOBILE-API-140-327-PLAIN appId="${accounts.servicePattern.appId}", clientId="${clientId}"`, 'user-agent': 'MobileClient' },
			body: form,
		})
	).json()) as { file_id: string };
	if (!stored.file_id) throw new Error(`The sandbox did not store the 100 MB file: ${JSON.stringify(stored)}`);
	const hundred = { ...download, parameters: { ...download.parameters, fileId: stored.file_id } };
	const large = await sampleRss(async () => {
		const result = await runWorkflow(operationWorkflow(hundred), { credentials: credentials() });
		const size = Number(result.output(NODE_NAME)[0].binary?.data.fileSize?.replace(/[^0-9.]/g, '') ?? 0);
		if (!size) throw new Error(`Get File 100 MB: ${JSON.stringify(result.output(NODE_NAME)[0].json)}`);
	});
	rows.push({ measure: 'Get File 100 MB (peak RSS growth target < 64 MB)', 'pack ms': Math.round(large.ms), 'peak RSS growth MB': large.mb.toFixed(1) });
	results.files = { uploadMB: up.mb, downloadMB: down.mb, download100MB: large.mb };
}, 600_000);
