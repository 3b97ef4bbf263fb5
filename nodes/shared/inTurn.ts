/** The tail of each key's queue: what the next caller with that key waits for. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task with the same key has settled, in the order the calls were
 * made (items start in item order, so their tasks keep it). Keys are per process: this is what one
 * n8n process can know; across workers the service's own rules still apply.
 */
export function inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const run = previous.then(task, task);
	const tail = run.then(
		() => undefined,
		() => undefined,
	);
	queues.set(key, tail);
	void tail.then(() => {
		if (queues.get(key) === tail) queues.delete(key);
	});
	return run;
}
