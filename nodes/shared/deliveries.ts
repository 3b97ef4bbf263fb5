import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * One run per event, however often a service delivers it: for webhook triggers, whose webhook()
 * n8n runs in whichever process received the request (a main, an `n8n webhook` process).
 *
 * A webhook context has neither n8n's deduplication store nor a trigger's emit deduplication key,
 * so what every process shares is the workflow's static data: n8n reads it from its database for
 * each webhook request and writes it back right after the webhook answers. Keys are kept there and
 * in this process, so that deliveries arriving together in one process (which all read the same
 * static data) are told apart here, and a retry that reaches another process, or comes after a
 * restart, finds the key in the database. Every write holds the union of both, so a key one process
 * wrote is restored by the next write of any process that knew it.
 *
 * What it cannot close: two deliveries of one event reaching two different processes in the same
 * instant (both read the static data before either wrote it) both start, and a process writing at
 * that instant can drop the other's new key until that process writes again. n8n offers webhooks
 * no atomic store; services retry seconds or minutes later, not in the same millisecond.
 */

export interface DeliveryMemory {
	/** How long a key is remembered: longer than the service goes on retrying. */
	rememberMs: number;
	/** The most keys kept, newest first: they are written to the workflow's row with every delivery. */
	maxRemembered: number;
}

/** Keys seen in this process, by workflow and node. */
const seenByNode = new Map<string, Map<string, number>>();

const keptIn = (stored: IDataObject): Record<string, unknown> =>
	stored.seen && typeof stored.seen === 'object' && !Array.isArray(stored.seen) ? (stored.seen as Record<string, unknown>) : {};

/** Whether this is the first delivery of `key` for this node; it is recorded either way. */
export function firstDelivery(context: Pick<IWebhookFunctions, 'getWorkflow' | 'getNode' | 'getWorkflowStaticData'>, key: string, memory: DeliveryMemory, now = Date.now()): boolean {
	const node = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().name}`;
	const seen = seenByNode.get(node) ?? new Map<string, number>();
	seenByNode.set(node, seen);
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
	// A whole-object assignment: n8n's static data notices those, not changes inside a nested object.
	stored.seen = Object.fromEntries(seen);
	return fresh;
}
