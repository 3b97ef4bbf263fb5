import { refillGroupSize, runPool } from '../../nodes/shared/pool';

/** Tasks that finish only when the test says so; records which indexes started. */
function controlledTasks() {
	const started: number[] = [];
	const finish = new Map<number, () => void>();
	const task = (index: number) =>
		new Promise<void>((resolve) => {
			started.push(index);
			finish.set(index, resolve);
			maxRunning = Math.max(maxRunning, finish.size);
		});
	const isRunning = (index: number) => finish.has(index);
	const running = () => finish.size;
	let maxRunning = 0;
	const done = async (...indexes: number[]) => {
		for (const index of indexes) {
			finish.get(index)!();
			finish.delete(index);
		}
		// Let the pool's continuations run.
		for (let i = 0; i < 10; i++) await Promise.resolve();
	};
	return {
		started,
		task,
		running,
		isRunning,
		done,
		get maxRunning() {
			return maxRunning;
		},
	};
}

test('a group is a quarter of the limit, and one place at limits up to 20', () => {
	expect([1, 5, 20, 21, 40, 100, 1000].map(refillGroupSize)).toEqual([1, 1, 1, 6, 10, 25, 250]);
});

test('at a small limit every freed place is filled at once', async () => {
	const tasks = controlledTasks();
	const pool = runPool(8, 5, tasks.task, () => false);
	await tasks.done();
	expect(tasks.started).toEqual([0, 1, 2, 3, 4]);
	await tasks.done(2);
	expect(tasks.started).toEqual([0, 1, 2, 3, 4, 5]);
	await tasks.done(0, 1);
	expect(tasks.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	expect(tasks.maxRunning).toBe(5);
	await tasks.done(3, 4, 5, 6, 7);
	await pool;
	expect(tasks.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('at a large limit freed places are filled a group at a time, never above the limit, each index once', async () => {
	const tasks = controlledTasks();
	let finished = false;
	const pool = runPool(91, 40, tasks.task, () => false).then(() => (finished = true));
	await tasks.done();
	expect(tasks.started).toHaveLength(40);
	// A group is 10 places: nine freed places wait, the tenth starts all ten.
	await tasks.done(7, 3, 0, 1, 2, 4, 5, 6, 8);
	expect(tasks.started).toHaveLength(40);
	expect(tasks.running()).toBe(31);
	await tasks.done(9);
	expect(tasks.started).toHaveLength(50);
	expect(tasks.running()).toBe(40);
	// Down to the last item, fewer are left than a group holds: it starts as soon as one place is free.
	while (tasks.started.length < 90) await tasks.done(tasks.started.find((index) => tasks.isRunning(index))!);
	expect(tasks.running()).toBe(40);
	await tasks.done(tasks.started.find((index) => tasks.isRunning(index))!);
	expect(tasks.started).toHaveLength(91);
	expect(tasks.maxRunning).toBe(40);
	while (tasks.running() > 0) await tasks.done(tasks.started.find((index) => tasks.isRunning(index))!);
	await pool;
	expect(finished).toBe(true);
	expect(tasks.started).toEqual(Array.from({ length: 91 }, (_, index) => index));
});

test('once stop() says so no new task starts, and places waiting for a group are let go', async () => {
	const tasks = controlledTasks();
	let stopped = false;
	let finished = false;
	const pool = runPool(100, 50, tasks.task, () => stopped).then(() => (finished = true));
	await tasks.done();
	await tasks.done(0);
	stopped = true;
	await tasks.done(1);
	expect(tasks.started).toHaveLength(50);
	expect(finished).toBe(false);
	// 48 more: with groups of 13 the last ones would wait for places that never come.
	await tasks.done(...Array.from({ length: 48 }, (_, i) => i + 2));
	expect(finished).toBe(true);
	expect(tasks.started).toHaveLength(50);
	await pool;
});
