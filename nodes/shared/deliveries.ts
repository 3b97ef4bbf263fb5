import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * One run per event, however often a service delivers it: for webhook triggers, whose webhook()
 * n8n runs in whichever process received the request (a main, an `n8n webhook` process).
 *
 * A webhook context has neither n8n's deduplication store nor a trigger's emit deduplication key,
 * so what every process shares is the workflow's static data: n8n reads it from its database for
 * each webhook request and writes that request's copy back, whole, right after the webhook answers.
 * Keys are kept there and in this process: deliveries arriving together in one process (which all
 * read the same row) are told apart here, and a retry that reaches another process, or comes after
 * a restart, finds the key in the database. Each request's copy gets every key this process knows,
 * and so do the copies of the requests still to be written, so whichever this process writes last
 * holds them all.
 *
 * What it cannot close: two deliveries of one event reaching two different processes in the same
 * instant (both read the row before either wrote it) both start, and a process writing at that
 * instant can drop the other's new key until that process writes again. n8n offers webhooks no
 * atomic store; services retry seconds or minutes later, not in the same millisecond.
 */

export interface DeliveryMemory {
	/** How long a key is remembered: longer than the service goes on retrying. */
	rememberMs: number;
	/** The most keys kept, newest first: they are written to the workflow's row with every delivery. */
	maxRemembered: number;
}

interface NodeMemory {
	/** Keys seen in this process, and when. */
	seen: Map<string, number>;
	/** The static data of this process's recent requests, which n8n may not have written yet, and when each came. */
	copies: Map<IDataObject, number>;
}

/** n8n writes a request's static data within milliseconds of its answer; copies are let go long after. */
const COPY_KEPT_MS = 60_000;
const MAX_COPIES = 200;

const memories = new Map<string, NodeMemory>();

const keptIn = (stored: IDataObject): Record<string, unknown> =>
	stored.seen && typeof stored.seen === 'object' && !Array.isArray(stored.seen) ? (stored.seen as Record<string, unknown>) : {};

/** Whether this is the first delivery of `key` for this node; it is recorded either way. */
export function firstDelivery(context: Pick<IWebhookFunctions, 'getWorkflow' | 'getNode' | 'getWorkflowStaticData'>, key: string, memory: DeliveryMemory, now = Date.now()): boolean {
	const node = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().name}`;
	const { seen, copies } = memories.get(node) ?? { seen: new Map<string, number>(), copies: new Map<IDataObject, number>() };
	memories.set(node, { seen, copies });
	const stored = context.getWorkflowStaticData('node');
	for (const [known, at] of Object.entries(keptIn(stored))) {
		if (typeof at === 'number' && !((seen.get(known) ?? -1) >= at)) seen.set(known, at);
	}
	for (const [known, at] of seen) if (now - at > memory.rememberMs) seen.delete(known);
	const fresh = !seen.has(key);
	if (fresh) seen.set(key, now);
	if (seen.size > memory.maxRemembered) {
		const newest = [...seen].sort(([, a], [, b]) => b - a).slice(0, memory.maxRemembered);
		seen.clear();
		for (const [known, at] of newest.reverse()) seen.set(known, at);
	}
	copies.set(stored, now);
	for (const [copy, at] of copies) if (now - at > COPY_KEPT_MS || copies.size > MAX_COPIES) copies.delete(copy);
	// Whole-object assignments: n8n's static data notices those, not changes inside a nested object.
	for (const copy of copies.keys()) copy.seen = Object.fromEntries(seen);
	return fresh;
}
