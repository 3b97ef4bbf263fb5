/**
 * `npm run bench:quick` (run by .ci/run): the pack's CPU per item against n8n's HTTP Request node's
 * on the same credential, for each service's subject, in one process: 1,000 items through each,
 * taking turns (the order alternating), three rounds. It fails when a subject's median ratio is above
 * QUICK_LIMIT (default 1.15). Each distinct request reaches the sandbox once and is then answered
 * from n8n's OutboundHttp (subjects.ts, replayAnswers): the ratio is of what the two nodes, n8n's
 * engine and its request helpers do per item, not of sockets, whose cost on a shared machine moves
 * with its load and with how many requests are in flight. A ratio of runs side by side, not a timing.
 */
import { cpuMs, items, median, replayAnswers, runHttpRequestNode, runPack, startSandbox, subjects } from './subjects';
import type { BenchSandbox, Subject } from './subjects';

const ITEMS = Number(process.env.QUICK_ITEMS ?? 1000);
const ROUNDS = Number(process.env.QUICK_ROUNDS ?? 3);
const LIMIT = Number(process.env.QUICK_LIMIT ?? 1.15);

let sandbox: BenchSandbox;
let stopReplaying: (() => void) | undefined;
beforeAll(async () => (sandbox = await startSandbox()), 30_000);
afterAll(() => {
	stopReplaying?.();
	sandbox?.stop();
});

interface Run {
	cpuUs: number;
	ms: number;
	failed: number;
}

async function measured(run: () => Promise<number>): Promise<Run> {
	global.gc?.();
	const cpu0 = cpuMs();
	const t0 = performance.now();
	const failed = await run();
	return { cpuUs: ((cpuMs() - cpu0) * 1000) / ITEMS, ms: performance.now() - t0, failed };
}

test(`the pack's CPU per item is at most ${LIMIT}x the HTTP Request node's, for each service`, async () => {
	const all = await subjects(sandbox);
	const input = items(ITEMS);
	stopReplaying = replayAnswers();
	// Warm-up: the answers recorded, the tokens fetched, both nodes compiled.
	for (const subject of all) {
		await runPack(sandbox, subject, input);
		await runHttpRequestNode(sandbox, subject, input);
	}
	const rounds = new Map<Subject, Array<{ pack: Run; http: Run }>>(all.map((subject) => [subject, []]));
	for (let round = 0; round < ROUNDS; round++) {
		for (const subject of all) {
			const pack = () => measured(() => runPack(sandbox, subject, input));
			const http = () => measured(() => runHttpRequestNode(sandbox, subject, input));
			// Taking turns, so that a change in machine load does not favour one side.
			const [packRun, httpRun] = round % 2 === 0 ? [await pack(), await http()] : (([h, p]) => [p, h])([await http(), await pack()]);
			rounds.get(subject)!.push({ pack: packRun, http: httpRun });
		}
	}
	const lines = ['| subject | pack CPU µs/item | HTTP Request CPU µs/item | CPU ratio, median | ratio per round | failed items (pack / HTTP Request) |', '|---|---|---|---|---|---|'];
	const over: string[] = [];
	for (const [subject, runs] of rounds) {
		const ratios = runs.map((r) => r.pack.cpuUs / r.http.cpuUs);
		const ratio = median(ratios);
		if (!(ratio <= LIMIT)) over.push(`${subject.label}: ${ratio.toFixed(2)}`);
		lines.push(
			`| ${subject.label} | ${Math.round(median(runs.map((r) => r.pack.cpuUs)))} | ${Math.round(median(runs.map((r) => r.http.cpuUs)))} | ${ratio.toFixed(2)} | ${ratios.map((r) => r.toFixed(2)).join(', ')} | ${runs.reduce((sum, r) => sum + r.pack.failed, 0)} / ${runs.reduce((sum, r) => sum + r.http.failed, 0)} |`,
		);
	}
	process.stdout.write(`\nbench:quick: ${ITEMS} items per run, ${ROUNDS} rounds, answers replayed in process, limit ${LIMIT}\n${lines.join('\n')}\n`);
	expect(over).toEqual([]);
}, 900_000);
