import { getEventListeners } from 'node:events';

import type { ServicePatternClient } from '../../nodes/ServicePattern/client';
import { Lifetime, followChat } from '../../nodes/ServicePattern/follow';
import type { OutageReport } from '../../nodes/ServicePattern/follow';

const outage = { failed() {}, recovered() {} } as unknown as OutageReport;

/** A contact center whose held polls end only when their request is aborted, as a real held poll would. */
function heldPolls() {
	const signals: AbortSignal[] = [];
	const client = {
		newEvents: (_clientId: string, _chatId: string, signal?: AbortSignal) =>
			new Promise<never>((_resolve, reject) => {
				signals.push(signal!);
				signal!.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
			}),
	} as unknown as ServicePatternClient;
	return { client, signals };
}

test('each chat polls with a signal of its own, ended with the trigger: the trigger signal holds one listener per chat, not one per request', async () => {
	const lifetime = new Lifetime();
	const { client, signals } = heldPolls();
	const chats = Array.from({ length: 50 }, (_, i) => followChat({ client, clientId: `c-${i}`, chatId: `chat-${i}`, lifetime, outage, onEvents() {} }));
	await new Promise((resolve) => setImmediate(resolve));
	expect(signals).toHaveLength(50);
	// The request under each poll listens to the signal it is handed (axios adds an abort listener for
	// each request). On the trigger's own signal, 50 held polls meant 50 such listeners, each added
	// after looking through the others; on a chat's signal there is one.
	expect(signals.every((signal) => signal !== lifetime.signal)).toBe(true);
	expect(new Set(signals).size).toBe(50);
	expect(getEventListeners(lifetime.signal, 'abort')).toHaveLength(1 + 50); // Lifetime's own, and one per chat
	lifetime.stop();
	expect(signals.every((signal) => signal.aborted)).toBe(true);
	await expect(Promise.all(chats)).resolves.toEqual(Array.from({ length: 50 }, () => 'stopped'));
	expect(getEventListeners(lifetime.signal, 'abort')).toHaveLength(1); // Lifetime's own: each chat's is gone
});

test('a chat that ends lets go of the trigger signal', async () => {
	const lifetime = new Lifetime();
	const client = { newEvents: async () => ({ events: [{ event: 'chat_session_ended' }], ended: true }) } as unknown as ServicePatternClient;
	const emitted: unknown[] = [];
	await expect(followChat({ client, clientId: 'c', chatId: 'chat', lifetime, outage, onEvents: (events) => emitted.push(...events) })).resolves.toBe('ended');
	expect(emitted).toHaveLength(1);
	expect(getEventListeners(lifetime.signal, 'abort')).toHaveLength(1); // only Lifetime's own
	lifetime.stop();
});
