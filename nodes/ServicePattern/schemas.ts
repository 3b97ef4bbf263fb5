import { z } from 'zod/v4';

import { answerText as text, optionalAnswerText as optionalText } from '../shared/answerFields';

// ---- Events the customer side sends (Send Events) ----

const clientEvent = <Name extends string, Shape extends z.ZodRawShape>(event: Name, shape: Shape) =>
	z.object({ event: z.literal(event), ...shape });
const formData = { form_request_id: z.string().min(1), form_name: z.string().optional(), data: z.record(z.string(), z.unknown()) };

/** Every client event of the Mobile/Web API, checked before it is sent. */
export const clientEventSchema = z.discriminatedUnion('event', [
	clientEvent('chat_session_message', { msg_id: z.string().min(1), msg: z.string().min(1), channel: z.string().optional() }),
	clientEvent('chat_session_message_delivered', { ref_msg_id: z.string().min(1) }),
	clientEvent('chat_session_message_read', { ref_msg_id: z.string().min(1) }),
	clientEvent('chat_session_typing', {}),
	clientEvent('chat_session_not_typing', {}),
	clientEvent('chat_session_form_data', formData),
	clientEvent('chat_session_secure_form_data', formData),
	clientEvent('chat_session_secure_form_cancel', { form_request_id: z.string().min(1) }),
	clientEvent('chat_session_navigation', { msg_id: z.string().min(1), title: z.string().optional(), page: z.string().min(1) }),
	clientEvent('chat_session_location', {
		msg_id: z.string().min(1),
		url: z.string().optional(),
		latitude: z.number().min(-90).max(90).optional(),
		longitude: z.number().min(-180).max(180).optional(),
	}),
	clientEvent('chat_session_file', { msg_id: z.string().min(1), file_id: z.string().min(1), file_type: z.string().optional(), file_name: z.string().optional() }),
	clientEvent('chat_session_end', {}),
	clientEvent('chat_session_disconnect', {}),
	// `"data": "<signaling message>"`, a string (sources.md#servicepattern-signaling-data); a message
	// given as an object (such as {"type":"REQUEST_CALL"}) is sent as its JSON text.
	clientEvent('chat_session_signaling', {
		msg_id: z.string().min(1),
		destination_party_id: z.string().min(1),
		data: z.union([z.string().min(1), z.record(z.string(), z.unknown()).transform((message) => JSON.stringify(message))]),
	}),
]);
export type ClientEvent = z.output<typeof clientEventSchema>;

/** Client events that API v2 added to v1's: delivered and read receipts (sources.md#servicepattern-v2-receipts). */
export const V2_CLIENT_EVENTS: ReadonlySet<string> = new Set(['chat_session_message_delivered', 'chat_session_message_read']);

// ---- Events the contact center sends (Get New Chat Events, Get Chat History, Send Events) ----

/**
 * The docs give timestamps in seconds for some events and milliseconds for others, and the SDKs
 * disagree; a value above 10^12 can only be milliseconds (year 2001 in ms, year 33658 in s).
 */
export function timestampToIso(raw: unknown): string | undefined {
	const value = typeof raw === 'string' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
	return new Date(value > 1e12 ? value : value * 1000).toISOString();
}

const serverEvent = <Name extends string, Shape extends z.ZodRawShape>(event: Name, shape: Shape) =>
	z.looseObject({ event: z.literal(event), timestamp: z.union([z.number(), z.string()]).optional(), ...shape });

const knownServerEvents = z.discriminatedUnion('event', [
	serverEvent('chat_session_status', { state: z.string(), ewt: optionalText }),
	serverEvent('chat_session_ended', {}),
	serverEvent('chat_session_party_joined', {
		party_id: text,
		first_name: optionalText,
		last_name: optionalText,
		display_name: optionalText,
		type: optionalText,
	}),
	serverEvent('chat_session_party_left', { party_id: text }),
	serverEvent('chat_session_message', { party_id: optionalText, msg_id: optionalText, msg: z.string() }),
	serverEvent('chat_session_message_delivered', { party_id: optionalText, ref_msg_id: optionalText }),
	serverEvent('chat_session_message_read', { party_id: optionalText, ref_msg_id: optionalText }),
	serverEvent('chat_session_typing', { party_id: optionalText }),
	serverEvent('chat_session_not_typing', { party_id: optionalText }),
	serverEvent('chat_session_form_show', { form_request_id: text, form_name: optionalText, form_timeout: optionalText }),
	serverEvent('chat_session_secure_form_show', { form_request_id: text, form_name: optionalText }),
	serverEvent('chat_session_timeout_warning', { msg: optionalText }),
	serverEvent('chat_session_inactivity_timeout', { msg: optionalText }),
	serverEvent('chat_session_signaling', { party_id: optionalText, data: z.unknown() }),
	// The old v1 client reads session_id instead of party_id here, because of a server bug.
	serverEvent('chat_session_file', { party_id: optionalText, session_id: optionalText, file_id: text, file_type: optionalText, file_name: optionalText }),
	serverEvent('chat_session_location', { party_id: optionalText, url: optionalText, latitude: z.coerce.number().optional(), longitude: z.coerce.number().optional() }),
	serverEvent('chat_session_case_set', { case_id: text }),
]);

/** A server event: typed when known, passed through untouched when not; `time` added when it has a timestamp. */
export const serverEventSchema = z
	.unknown()
	.transform((raw, ctx) => {
		const known = knownServerEvents.safeParse(raw);
		if (known.success) return known.data as Record<string, unknown>;
		const event = (raw as { event?: unknown } | null)?.event;
		// A known name with fields out of shape is reported; only unknown names pass untouched.
		if (typeof event === 'string' && !knownServerEvents.options.some((option) => option.shape.event.value === event)) {
			return raw as Record<string, unknown>;
		}
		ctx.addIssue({ code: 'custom', message: `a chat event (got ${JSON.stringify(raw)?.slice(0, 120)})` });
		return z.NEVER;
	})
	.transform((event) => {
		const time = timestampToIso(event.timestamp);
		return time ? { ...event, time } : event;
	});
export type ServerEvent = z.output<typeof serverEventSchema>;

/** Events after which the session no longer exists. */
export function endsSession(event: Record<string, unknown>): boolean {
	return (
		event.event === 'chat_session_ended' ||
		event.event === 'chat_session_inactivity_timeout' ||
		(event.event === 'chat_session_status' && event.state === 'failed')
	);
}

export const eventsBody = z.looseObject({ events: z.array(serverEventSchema).nullish().transform((e) => e ?? []) });

// ---- Outputs ----

/** Every chat operation says which conversation it used, so the next node can carry on. */
const conversation = { clientId: z.string(), chatId: z.string().optional() };

/** The answers the client reads fields from, as the API documents them. */
// The documented answer always lists its widgets (sources.md#servicepattern-widget-configuration).
export const widgetConfigurationAnswer = z.looseObject({ widgets: z.array(z.unknown()) });
export const availabilityAnswer = z.looseObject({ chat: z.string(), ewt: z.union([z.string(), z.number()]).optional() });
export const activeChatAnswer = z.looseObject({ chat_id: z.string().min(1) });
export const parametersAnswer = z.looseObject({ parameters: z.array(z.record(z.string(), z.unknown())).nullable() });

export const availability = z.looseObject({
	clientId: z.string(),
	chat: z.string().describe('"available" or "notAvailable" (the scenario entry’s hours of operation)'),
	available: z.boolean(),
	ewt: optionalText.describe('Estimated wait time in seconds, when given'),
});

export const expectedParameters = z.looseObject({
	clientId: z.string(),
	parameters: z.array(z.object({ name: z.string(), type: z.string() })).describe('Parameters Request Chat accepts, with their types (PHONE, TEXT, EMAIL, FIRST_NAME, ...)'),
});

export const chatSession = z.looseObject({
	...conversation,
	chatId: z.string(),
	state: optionalText.describe('queued, connected, ivr or establishing'),
	ewt: optionalText,
	is_new_chat: z.boolean().optional().describe('False when the conversation already had a session'),
	phone_number: optionalText,
});

export const noActiveChat = z.looseObject({ clientId: z.string(), active: z.literal(false) });

export const chatEvents = z.looseObject({
	...conversation,
	chatId: z.string(),
	events: z.array(z.record(z.string(), z.unknown())),
	ended: z.boolean().describe('Whether an event says the session is over'),
});

export const sentEvent = z.looseObject({
	...conversation,
	chatId: z.string(),
	sent: z.record(z.string(), z.unknown()).describe('The event as sent'),
	events: z.array(z.record(z.string(), z.unknown())).describe('New server events the answer carried, if any'),
});

export const uploadedFile = z.looseObject({ ...conversation, fileId: z.string(), fileName: z.string(), size: z.number(), posted: z.boolean() });

export const version = z.looseObject({ clientId: z.string(), server_version: z.string() });

/** Get Case History's answer: each chat session of the case with its events (sources.md#servicepattern-case-history). */
export const caseHistoryAnswer = z.looseObject({
	sessions: z
		.array(z.looseObject({ chat_id: text, created_time: z.union([z.number(), z.string()]).optional(), events: z.array(serverEventSchema).nullish().transform((e) => e ?? []) }))
		.nullish()
		.transform((sessions) => sessions ?? []),
});

export const caseHistory = z.looseObject({
	...conversation,
	chatId: z.string(),
	sessions: z
		.array(
			z.looseObject({
				chat_id: z.string(),
				created_time: z.union([z.number(), z.string()]).optional().describe('When the session started, Unix seconds'),
				time: z.string().optional().describe('created_time as an ISO date'),
				events: z.array(z.record(z.string(), z.unknown())),
			}),
		)
		.describe('Every chat session linked to the chat’s CRM case, oldest first, each with its events'),
});

export const widgetConfiguration = z.looseObject({
	clientId: z.string(),
	widgets: z
		.array(z.looseObject({ name: optionalText, urls: z.array(z.string()).optional(), definition: z.record(z.string(), z.unknown()).optional() }))
		.describe('Each chat widget of the launch point: its name, the pages it is on, its contact tab and messages'),
});

export const closedCase = z.looseObject({ ...conversation, chatId: z.string(), closed: z.literal(true) });
