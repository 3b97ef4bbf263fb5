/**
 * `npm run bench:profile`: one subject through one node, for a CPU profile of that alone
 * (PROFILE_SUBJECT: sobot | hover | telspiel; PROFILE_NODE: pack | http; PROFILE_ITEMS, default 10,000;
 * PROFILE_CONCURRENCY, the pack's Concurrency, default its own 5).
 * Run under `node --cpu-prof`; a warm-up run of 1,000 items comes first, so the profile's later part
 * is the steady state.
 */
import { items, runHttpRequestNode, runPack, startSandbox, subjects, timed } from './subjects';
import type { BenchSandbox } from './subjects';

const SUBJECT = process.env.PROFILE_SUBJECT ?? 'sobot';
const NODE = process.env.PROFILE_NODE ?? 'pack';
const COUNT = Number(process.env.PROFILE_ITEMS ?? 10_000);
const CONCURRENCY = process.env.PROFILE_CONCURRENCY ? Number(process.env.PROFILE_CONCURRENCY) : undefined;

let sandbox: BenchSandbox;
beforeAll(async () => (sandbox = await startSandbox()), 30_000);
afterAll(() => sandbox?.stop());

test(`profile: ${SUBJECT} through ${NODE}`, async () => {
	const subject = (await subjects(sandbox)).find((candidate) => candidate.label.toLowerCase().startsWith(SUBJECT))!;
	const run = (input: ReturnType<typeof items>) => (NODE === 'http' ? runHttpRequestNode(sandbox, subject, input) : runPack(sandbox, subject, input, CONCURRENCY));
	await run(items(1000));
	const input = items(COUNT);
	let failed = 0;
	const { ms, cpu } = await timed(async () => (failed = await run(input)));
	process.stdout.write(`${subject.label} through ${NODE}: ${COUNT} items, ${Math.round(ms)} ms, CPU ${Math.round((cpu * 1000) / COUNT)} µs/item, ${failed} failed\n`);
}, 1_800_000);
