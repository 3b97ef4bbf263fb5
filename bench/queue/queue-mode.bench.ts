/**
 * `npm run bench:queue`: 10,000 Sobot Find Customer items through n8n in queue mode, with one and
 * with two workers (a fresh stack each: PostgreSQL, Redis, main, workers; scripts/queue-stack.cjs),
 * as QUEUE_BENCH_EXECUTIONS executions (default 20) of 10,000 / that many items, sent at once to the
 * main's webhook. Prints the table for bench/RESULTS.md and writes bench/queue/latest.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { publishWorkflow } from '../../test/harness/n8n-rest';
import { failuresOf, lookups, sobotTokenRequests, startQueueStack } from '../../test/queue/stack';
import type { QueueStack } from '../../test/queue/stack';

const ITEMS = Number(process.env.QUEUE_BENCH_ITEMS ?? 10_000);
const EXECUTIONS = Number(process.env.QUEUE_BENCH_EXECUTIONS ?? 20);
const WORKERS = (process.env.QUEUE_BENCH_WORKERS ?? '1,2').split(',').map(Number);
/** n8n's expression engine on the main and workers (quickjs unless set; see scripts/n8n-setup.cjs). */
const ENGINE = process.env.QUEUE_BENCH_ENGINE;
/** PostgreSQL connections per n8n process (n8n's default is 2). */
const DB_POOL = process.env.QUEUE_BENCH_DB_POOL;

interface Row {
	workers: number;
	items: number;
	executions: number;
	seconds: number;
	itemsPerSecond: number;
	failedExecutions: number;
	failedItems: number;
	tokenRequests: number;
	mainCpuSeconds: number;
	workerCpuSeconds: number[];
}

/** CPU seconds a process has used so far (utime + stime from /proc). */
function cpuSeconds(pid: number | undefined): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(workers: number): Promise<Row> {
	const stack: QueueStack = await startQueueStack({ workers, env: { ...(ENGINE ? { N8N_EXPRESSION_ENGINE: ENGINE } : {}), ...(DB_POOL ? { DB_POSTGRESDB_POOL_SIZE: DB_POOL } : {}), ...(process.env.QUEUE_BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.QUEUE_BENCH_NODE_OPTIONS } : {}) } });
	try {
		const post = (phones: string[]) =>
			fetch(`${stack.mainUrl}/webhook/sobot-lookups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phones: phones.map((phone) => ({ phone })) }) });
		expect((await stack.api('POST', '/rest/workflows', { ...lookups, active: false })).status).toBe(200);
		const id = await publishWorkflow(stack.api, lookups.name, () => post([]));
		expect((await post(['13800000001'])).status).toBe(200);
		const tokensBefore = await sobotTokenRequests(stack.sandboxUrl);

		const perExecution = Math.ceil(ITEMS / EXECUTIONS);
		const phones = Array.from({ length: perExecution }, (_, i) => (i % 2 ? '13800000001' : '13800000002'));
		const processes = [stack.main, ...stack.workers].map((entry) => entry.child.pid);
		const cpuBefore = processes.map(cpuSeconds);
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: EXECUTIONS }, async () => {
				const answer = await post(phones);
				const text = await answer.text();
				return answer.status === 200 ? (JSON.parse(text) as Array<{ found?: boolean; error?: unknown }>) : undefined;
			}),
		);
		const seconds = (Date.now() - started) / 1000;
		const cpuAfter = processes.map(cpuSeconds);
		const items = answers.flatMap((answer) => answer ?? []);
		const failed = await failuresOf(stack.api, id);
		const refused = answers.filter((answer) => answer === undefined).length;
		if (failed.length || refused) process.stdout.write(`${workers} worker(s): ${refused} webhook calls failed; failed executions:\n${failed.join('\n')}\n`);
		return {
			workers,
			items: perExecution * EXECUTIONS,
			executions: EXECUTIONS,
			seconds,
			itemsPerSecond: Math.round(items.length / seconds),
			failedExecutions: Math.max(failed.length, refused),
			failedItems: perExecution * EXECUTIONS - items.filter((item) => item.found === true && item.error === undefined).length,
			tokenRequests: (await sobotTokenRequests(stack.sandboxUrl)) - tokensBefore + 1,
			mainCpuSeconds: cpuAfter[0] - cpuBefore[0],
			workerCpuSeconds: cpuAfter.slice(1).map((after, i) => after - cpuBefore[i + 1]),
		};
	} finally {
		await stack.stop();
	}
}

test(`queue mode: ${ITEMS} Sobot Find Customer items with ${WORKERS.join(' and ')} worker(s)`, async () => {
	const rows: Row[] = [];
	for (const workers of WORKERS) rows.push(await measure(workers));
	const table = [
		'| workers | items (executions × items) | time | items/s | failed executions / items | Sobot token requests (whole run) | CPU s: main / workers |',
		'|---|---|---|---|---|---|---|',
		...rows.map(
			(row) =>
				`| ${row.workers} | ${row.items.toLocaleString('en')} (${row.executions} × ${row.items / row.executions}) | ${row.seconds.toFixed(1)} s | ${row.itemsPerSecond} | ${row.failedExecutions} / ${row.failedItems} | ${row.tokenRequests} | ${row.mainCpuSeconds.toFixed(1)} / ${row.workerCpuSeconds.map((s) => s.toFixed(1)).join(' + ')} |`,
		),
	];
	if (rows.length === 2) table.push('', `throughput, 2 workers / 1 worker: ${(rows[1].itemsPerSecond / rows[0].itemsPerSecond).toFixed(2)}`);
	process.stdout.write(`${table.join('\n')}\n`);
	writeFileSync(path.join(__dirname, 'latest.json'), JSON.stringify(rows, null, 2));
	for (const row of rows) expect(row.items).toBeGreaterThan(0);
}, 1_800_000);
