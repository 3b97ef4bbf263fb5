/**
 * Above SMALL_LIMIT, places freed by finished tasks are filled a group at a time, a group being a
 * quarter of the limit. Starting each request the moment an answer arrives interleaves n8n's request
 * setup with answer handling; with 1,000 in flight over loopback that cost 30–40 % more CPU per item
 * than starting them together. Against groups of a twentieth, groups of a quarter took 16 % less CPU
 * per Sobot item, and as much CPU but 11 % less time for Hover's (bench/RESULTS.md, "2026-12-03,
 * evening" and "2026-12-04"). The price: while a group forms, up to a quarter of the places stand
 * empty. At or below SMALL_LIMIT (the default Concurrency is 5) every freed place is filled at once:
 * there an empty place is a large share of the throughput, and a request's setup is not what the run
 * waits for.
 */
const GROUP_SHARE = 1 / 4;
const SMALL_LIMIT = 20;

/** How many freed places are filled together at a given limit. */
export function refillGroupSize(limit: number): number {
	return limit <= SMALL_LIMIT ? 1 : Math.ceil(limit * GROUP_SHARE);
}

/**
 * Runs `task(0..count-1)`, each index once and in order of start, with at most `limit` running at once;
 * stops starting new ones once `stop()` says so.
 */
export async function runPool(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean,
): Promise<void> {
	const groupSize = refillGroupSize(limit);
	let next = 0;
	let waiting: Array<() => void> = [];
	const startGroup = () => {
		const group = waiting;
		waiting = [];
		for (const start of group) start();
	};
	// A freed place waits until the group is complete, or until fewer items are left than a group holds.
	const placeFreed = () =>
		new Promise<void>((start) => {
			waiting.push(start);
			if (stop() || waiting.length >= Math.min(groupSize, count - next)) startGroup();
		});
	const place = async () => {
		while (next < count && !stop()) {
			await task(next++);
			if (groupSize > 1 && next < count) await placeFreed();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, place));
}
