import { inTurn } from '../../nodes/shared/inTurn';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('tasks with one key run one at a time, in the order they were started', async () => {
	const log: string[] = [];
	const task = (name: string, ms: number) => async () => {
		log.push(`${name}+`);
		await tick(ms);
		log.push(`${name}-`);
		return name;
	};
	const results = await Promise.all([inTurn('k', task('a', 30)), inTurn('k', task('b', 1)), inTurn('k', task('c', 10))]);
	expect(results).toEqual(['a', 'b', 'c']);
	expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
});

test('a failed task fails only itself; the next one still runs', async () => {
	const failing = inTurn('f', async () => {
		throw new Error('nope');
	});
	const next = inTurn('f', async () => 'ran');
	await expect(failing).rejects.toThrow('nope');
	await expect(next).resolves.toBe('ran');
});

test('different keys run side by side', async () => {
	const log: string[] = [];
	await Promise.all(
		['x', 'y'].map((key) =>
			inTurn(key, async () => {
				log.push(`${key}+`);
				await tick(20);
				log.push(`${key}-`);
			}),
		),
	);
	expect(log.slice(0, 2).sort()).toEqual(['x+', 'y+']);
});
