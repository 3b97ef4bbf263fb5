/**
 * `npm run bench:paths`: n8n's two request paths side by side, in one process, the same request to the
 * sandbox: `request` (what httpRequest and httpRequestWithAuthentication send through, the helpers a
 * community node is told to use, and the pack does) and `requestLegacy` (what the deprecated
 * request/requestWithAuthentication send through, and n8n's HTTP Request node does). Nothing of either
 * node runs: this is the part of the loopback comparison (bench/RESULTS.md) that the nodes do not
 * choose. Taking turns, PATHS_ROUNDS rounds (default 4) of PATHS_REQUESTS (default 5,000) at each of
 * PATHS_CONCURRENCY (default 5,1000); prints user and system CPU per request, medians of the rounds.
 */
import 'reflect-metadata';

import { Container } from '@n8n/di';

import { median, outboundHttpClass, startSandbox, subjects } from './subjects';
import type { BenchSandbox } from './subjects';

const REQUESTS = Number(process.env.PATHS_REQUESTS ?? 5000);
const ROUNDS = Number(process.env.PATHS_ROUNDS ?? 4);
const CONCURRENCY = (process.env.PATHS_CONCURRENCY ?? '5,1000').split(',').map(Number);

let sandbox: BenchSandbox;
beforeAll(async () => (sandbox = await startSandbox()), 30_000);
afterAll(() => sandbox?.stop());

test('n8n request paths: CPU per request', async () => {
	const { url, headers } = (await subjects(sandbox)).find((subject) => subject.label.startsWith('Sobot'))!.raw;
	const client = Container.get(outboundHttpClass()).requests();
	// The options each side sends: the pack's transport (nodes/shared/http.ts) and the HTTP Request node v4.2 (its legacy options).
	const paths = {
		request: () => client.request({ method: 'GET', url, headers, returnFullResponse: true, ignoreHttpStatusErrors: true, encoding: 'text', json: false, timeout: 300_000 }),
		requestLegacy: () => client.requestLegacy({ method: 'GET', uri: url, headers, resolveWithFullResponse: true, simple: false, encoding: null, json: false, timeout: 300_000 }),
	};
	type Path = keyof typeof paths;
	const run = async (send: () => Promise<unknown>, concurrency: number) => {
		let next = 0;
		global.gc?.();
		const before = process.cpuUsage();
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next++ < REQUESTS) await send();
			}),
		);
		const { user, system } = process.cpuUsage(before);
		return { user: user / REQUESTS, system: system / REQUESTS };
	};
	await run(paths.request, 5);
	await run(paths.requestLegacy, 5);
	const lines = ['| in flight | path | user µs/request | system µs/request | request / requestLegacy, CPU |', '|---|---|---|---|---|'];
	for (const concurrency of CONCURRENCY) {
		const rounds: Record<Path, Array<{ user: number; system: number }>> = { request: [], requestLegacy: [] };
		for (let round = 0; round < ROUNDS; round++) {
			const order: Path[] = round % 2 === 0 ? ['request', 'requestLegacy'] : ['requestLegacy', 'request'];
			for (const path of order) rounds[path].push(await run(paths[path], concurrency));
		}
		const ratio = median(rounds.request.map((r, i) => (r.user + r.system) / (rounds.requestLegacy[i].user + rounds.requestLegacy[i].system)));
		for (const path of ['request', 'requestLegacy'] as Path[]) {
			const user = Math.round(median(rounds[path].map((r) => r.user)));
			const system = Math.round(median(rounds[path].map((r) => r.system)));
			lines.push(`| ${concurrency} | ${path} | ${user} | ${system} | ${path === 'request' ? ratio.toFixed(2) : ''} |`);
		}
	}
	process.stdout.write(`\n${lines.join('\n')}\n`);
}, 1_800_000);
