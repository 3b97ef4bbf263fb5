import { sleep } from 'n8n-workflow';
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

import type { Redactor } from '../shared/errors';
import { ServiceError, toNodeError } from '../shared/errors';
import type { ServicePatternClient } from './client';
import { whenNeeded } from '../shared/whenNeeded';
import type { ServerEvent } from './schemas';

const schemas = whenNeeded(() => require('./schemas') as typeof import('./schemas'));

/** Which events start the workflow; each is a test on one server event of a chat. */
export const EVENT_KINDS: Record<string, { name: string; matches: (event: Record<string, unknown>, chatId: string) => boolean }> = {
	agentMessage: {
		name: 'Agent Message',
		// In a chat the customer's own messages carry the chat ID as their party ID.
		matches: (e, chatId) => e.event === 'chat_session_message' && e.party_id !== chatId,
	},
	chatEnded: { name: 'Chat Ended', matches: (e) => schemas().endsSession(e) },
	partyJoined: { name: 'Agent Joined', matches: (e) => e.event === 'chat_session_party_joined' },
	partyLeft: { name: 'Agent Left', matches: (e) => e.event === 'chat_session_party_left' },
	file: { name: 'File Shared', matches: (e) => e.event === 'chat_session_file' },
	formShow: { name: 'Form Shown', matches: (e) => e.event === 'chat_session_form_show' || e.event === 'chat_session_secure_form_show' },
	status: { name: 'Status Changed', matches: (e) => e.event === 'chat_session_status' },
	typing: { name: 'Agent Typing', matches: (e) => e.event === 'chat_session_typing' || e.event === 'chat_session_not_typing' },
	any: { name: 'Any Event', matches: () => true },
};

/** The events of a batch that the trigger was asked for. */
export function eventFilter(kinds: string[]): (events: ServerEvent[], chatId: string) => ServerEvent[] {
	const tests = kinds.map((kind) => EVENT_KINDS[kind]);
	return (events, chatId) => events.filter((event) => tests.some((kind) => kind.matches(event as Record<string, unknown>, chatId)));
}

/** How long to wait before looking again for a chat to follow, and the first pause after a failed poll. */
export const IDLE_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;

export const backoff = (failures: number) => Math.min(MAX_BACKOFF_MS, IDLE_MS * 2 ** Math.min(failures, 4));

/** A trigger's life: a signal for its requests, and pauses that end when it is closed. */
export class Lifetime {
	private readonly controller = new AbortController();

	private readonly whenStopped = new Promise<void>((resolve) => this.controller.signal.addEventListener('abort', () => resolve()));

	get signal() {
		return this.controller.signal;
	}

	get stopped() {
		return this.controller.signal.aborted;
	}

	/** Waits, but never past a deactivation: closing the trigger must not wait out a back-off. */
	async pause(ms: number) {
		await Promise.race([sleep(ms), this.whenStopped]);
	}

	stop() {
		this.controller.abort();
	}
}

/**
 * Tells an outage once, however many chats fail: as a failed execution (and the error workflow),
 * never emitError, which in n8n tears the trigger down and starts it again, and runs the error
 * workflow each time. Cleared when the contact center answers again.
 */
export class OutageReport {
	private down = false;

	constructor(
		private readonly context: ITriggerFunctions,
		private readonly redactor: Redactor,
		private readonly triggerName: string,
	) {}

	failed(error: unknown) {
		if (this.down) return;
		this.down = true;
		const nodeError = toNodeError(this.context.getNode(), error, 0, this.redactor);
		this.context.logger.warn(`${this.triggerName}: ${nodeError.message}; trying again with a growing pause until the contact center answers`);
		this.context.saveFailedExecution(nodeError);
	}

	recovered() {
		if (!this.down) return;
		this.down = false;
		this.context.logger.info(`${this.triggerName}: the contact center answers again`);
	}
}

export type ChatEnd = 'ended' | 'gone' | 'stopped';

/**
 * Polls one chat, one held poll at a time, until it ends (`ended`), the contact center no longer
 * has it (`gone`, 404) or the trigger is closed (`stopped`); each batch of new events goes to
 * `onEvents`. A failure pauses with a growing back-off; a 400 means another poll of this chat is
 * held elsewhere (a workflow run, a connection just closed), which is waited for, not reported.
 */
export async function followChat(options: {
	client: ServicePatternClient;
	clientId: string;
	chatId: string;
	lifetime: Lifetime;
	outage: OutageReport;
	onEvents: (events: ServerEvent[]) => void;
}): Promise<ChatEnd> {
	const { client, clientId, chatId, lifetime, outage } = options;
	// The chat's own signal, ended with the trigger: each poll (the request under it) listens to this
	// one, not to the trigger's, which a relay shares with up to 1,000 chats. Adding a listener to a
	// signal looks through the ones it has, so one per chat keeps each poll's cost flat (bench/RESULTS.md).
	const chat = new AbortController();
	const stop = () => chat.abort();
	lifetime.signal.addEventListener('abort', stop, { once: true });
	const end = (how: ChatEnd) => {
		lifetime.signal.removeEventListener('abort', stop);
		return how;
	};
	let failures = 0;
	while (!lifetime.stopped) {
		try {
			const { events, ended } = await client.newEvents(clientId, chatId, chat.signal);
			outage.recovered();
			failures = 0;
			if (events.length > 0 && !lifetime.stopped) {
				options.onEvents(events);
				// The next poll waits for the event loop's next turn: when many chats' events arrive at once
				// (a relay's burst), every chat emits first, and then they all poll again, instead of each
				// poll's request being built before the next chat's events are emitted (bench/RESULTS.md).
				if (!ended) await lifetime.pause(0);
			}
			if (ended) return end('ended');
		} catch (error) {
			if (lifetime.stopped) break;
			if (error instanceof ServiceError && error.httpCode === 404) return end('gone');
			if (error instanceof ServiceError && error.httpCode === 400) {
				// Held elsewhere, or by a connection just closed: the server lets it go within its hold time.
				await lifetime.pause(IDLE_MS);
				continue;
			}
			outage.failed(error);
			await lifetime.pause(backoff(++failures));
		}
	}
	return end('stopped');
}

/** The items of one batch: each event with the conversation it belongs to. */
export function eventItems(events: ServerEvent[], conversation: IDataObject): IDataObject[] {
	return events.map((event) => ({ ...event, ...conversation }) as IDataObject);
}
