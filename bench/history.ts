/** Every full `npm run bench` appends its figures to bench/history.md: the date, the commit, the machine's load. */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

const HISTORY = path.join(__dirname, 'history.md');

function commit(): string {
	try {
		const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: __dirname, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: __dirname, encoding: 'utf8' }).trim() !== '';
		return dirty ? `${sha} (with uncommitted changes)` : sha;
	} catch {
		return 'unknown';
	}
}

const load = (values: unknown) => (Array.isArray(values) ? values.map((value: number) => value.toFixed(2)).join(' / ') : '?');

export function appendHistory(results: IDataObject, rows: Array<Record<string, string | number>>): void {
	if (rows.length === 0) return;
	if (!existsSync(HISTORY)) {
		writeFileSync(HISTORY, '# Benchmark history\n\nOne section per `npm run bench` run, appended by the run itself (bench/history.ts); bench/RESULTS.md explains the measures.\n');
	}
	const machine = results.machine as IDataObject;
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	const argv = process.argv;
	const filter = argv.findIndex((arg) => arg === '-t' || arg === '--testNamePattern');
	const lines = [
		'',
		`## ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, commit ${commit()}${filter >= 0 ? ` (only the measures matching "${argv[filter + 1]}")` : ''}`,
		'',
		`${String(machine.cpus)} × ${String(machine.cpu)}, Node ${String(machine.node)}; load average (1 / 5 / 15 min) at the start ${load(machine.loadAverage)}, at the end ${load(results.loadAverageAtEnd)}; BENCH_SIZES ${process.env.BENCH_SIZES ?? 'default'}, BENCH_REPEATS ${process.env.BENCH_REPEATS ?? 'default'}, BENCH_SUBJECTS ${process.env.BENCH_SUBJECTS ?? 'all'}; in plain Node (bench/run.cjs)`,
		'',
		`| ${columns.join(' | ')} |`,
		`|${columns.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${columns.map((column) => String(row[column] ?? '')).join(' | ')} |`),
	];
	appendFileSync(HISTORY, `${lines.join('\n')}\n`);
}
