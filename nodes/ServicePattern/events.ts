import { whenNeeded } from '../shared/whenNeeded';
import type { ServerEvent } from './schemas';

// Required when an answer is first read, not when a trigger naming the client loads.
const schemas = whenNeeded(() => require('./schemas') as typeof import('./schemas'));

/** A chat's events as an answer carries them: each typed, timestamps as ISO `time`, and whether the session is over. */
export function readEvents(answer: unknown): { events: ServerEvent[]; ended: boolean } {
	const { endsSession, eventsBody } = schemas();
	const events = eventsBody.parse(answer ?? {}).events;
	return { events, ended: events.some(endsSession) };
}
