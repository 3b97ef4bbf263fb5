/**
 * One run per delivered event (nodes/shared/deliveries.ts) as n8n runs webhooks: each request reads
 * the workflow's static data from the database, the node decides, and n8n writes the whole object
 * back after the answer. Several n8n processes (mains, `n8n webhook` processes) are separate copies
 * of the module, each with its own memory, sharing only that database row.
 */
import type { IDataObject } from 'n8n-workflow';

type Deliveries = typeof import('../../nodes/shared/deliveries');

const MEMORY = { rememberMs: 60_000, maxRemembered: 5 };

/** An n8n process: its own copy of the package's module. */
function nodeProcess(): Deliveries {
	let module!: Deliveries;
	jest.isolateModules(() => {
		module = jest.requireActual<Deliveries>('../../nodes/shared/deliveries');
	});
	return module;
}

/** n8n's database row of the workflow's static data: read per request, written back whole. */
function database() {
	let row = '{}';
	return {
		/** Reads the row for one request; `save` writes that request's copy back, as n8n does after the answer. */
		request() {
			const staticData = JSON.parse(row) as IDataObject;
			const node = ((staticData['node:Hover Trigger'] as IDataObject | undefined) ??= {});
			const context = { getWorkflow: () => ({ id: 'wf-1' }), getNode: () => ({ name: 'Hover Trigger' }), getWorkflowStaticData: () => node };
			return { context: context as never, save: () => (row = JSON.stringify(staticData)) };
		},
		keys: () => Object.keys(((JSON.parse(row) as IDataObject)['node:Hover Trigger'] as { seen?: object } | undefined)?.seen ?? {}),
	};
}

/** One webhook request in `process`: read, decide, write back. */
function deliver(process: Deliveries, db: ReturnType<typeof database>, key: string, now = 1_000) {
	const { context, save } = db.request();
	const fresh = process.firstDelivery(context, key, MEMORY, now);
	save();
	return fresh;
}

test('in one process, deliveries that all read the row before any wrote it are told apart: one is first', () => {
	const main = nodeProcess();
	const db = database();
	const requests = Array.from({ length: 10 }, () => db.request());
	const fresh = requests.map(({ context }) => main.firstDelivery(context, 'tx-1:succeeded', MEMORY, 1_000));
	for (const { save } of requests) save();
	expect(fresh.filter(Boolean)).toHaveLength(1);
	expect(db.keys()).toEqual(['tx-1:succeeded']);
});

test('in one process, whichever request n8n writes last holds every key: requests written in another order than they came lose none', () => {
	const [main, other] = [nodeProcess(), nodeProcess()];
	const db = database();
	const requests = Array.from({ length: 5 }, () => db.request());
	requests.forEach(({ context }, i) => expect(main.firstDelivery(context, `tx-${i}`, MEMORY, 1_000)).toBe(true));
	for (const { save } of [...requests].reverse()) save();
	expect(db.keys().sort()).toEqual(['tx-0', 'tx-1', 'tx-2', 'tx-3', 'tx-4']);
	// So a retry of any of them reaching another process is known there.
	for (let i = 0; i < 5; i++) expect(deliver(other, db, `tx-${i}`)).toBe(false);
});

test('a retry reaching another process is known from the row; another status is a new event there', () => {
	const [main, webhookProcess] = [nodeProcess(), nodeProcess()];
	const db = database();
	expect(deliver(main, db, 'tx-1:pending')).toBe(true);
	expect(deliver(webhookProcess, db, 'tx-1:pending')).toBe(false);
	expect(deliver(webhookProcess, db, 'tx-1:succeeded')).toBe(true);
	expect(deliver(main, db, 'tx-1:succeeded')).toBe(false);
});

test('a key another process overwrote is written back by the next request of a process that knew it', () => {
	const [a, b] = [nodeProcess(), nodeProcess()];
	const db = database();
	// Both read the empty row; a writes tx-1, then b writes its copy (tx-2 only) over it.
	const [first, second] = [db.request(), db.request()];
	expect(a.firstDelivery(first.context, 'tx-1', MEMORY, 1_000)).toBe(true);
	expect(b.firstDelivery(second.context, 'tx-2', MEMORY, 1_000)).toBe(true);
	first.save();
	second.save();
	expect(db.keys()).toEqual(['tx-2']);
	// a's next request, of anything, writes tx-1 back: a retry of tx-1 reaching b is then known.
	expect(deliver(a, db, 'tx-3')).toBe(true);
	expect(db.keys().sort()).toEqual(['tx-1', 'tx-2', 'tx-3']);
	expect(deliver(b, db, 'tx-1')).toBe(false);
});

test('the gap it leaves (docs/hover.md, SECURITY.md): one event reaching two processes in the same instant starts twice', () => {
	const [a, b] = [nodeProcess(), nodeProcess()];
	const db = database();
	const [first, second] = [db.request(), db.request()];
	expect([a.firstDelivery(first.context, 'tx-1', MEMORY, 1_000), b.firstDelivery(second.context, 'tx-1', MEMORY, 1_000)]).toEqual([true, true]);
});

test('keys are forgotten after rememberMs, and only the newest maxRemembered are kept', () => {
	const main = nodeProcess();
	const db = database();
	expect(deliver(main, db, 'old', 1_000)).toBe(true);
	expect(deliver(main, db, 'old', 1_000 + MEMORY.rememberMs)).toBe(false);
	expect(deliver(main, db, 'old', 2_001 + 2 * MEMORY.rememberMs)).toBe(true);
	for (let i = 0; i < 7; i++) deliver(main, db, `tx-${i}`, 200_000 + i);
	expect(db.keys().sort()).toEqual(['tx-2', 'tx-3', 'tx-4', 'tx-5', 'tx-6']);
	// Another process that reads the row finds the same newest keys.
	const other = nodeProcess();
	expect(deliver(other, db, 'tx-6', 200_010)).toBe(false);
	expect(deliver(other, db, 'tx-0', 200_010)).toBe(true);
});
