import { z } from 'zod/v4';

/**
 * Haptik's answers, as its docs show them (sources.md#haptik-log-message, sources.md#haptik-log-file, sources.md#haptik-transcript-groups). Unknown extra fields are
 * kept: Haptik adds keys within a version.
 */

const id = z.union([z.number(), z.string()]);

export const user = z.looseObject({
	auth_id: z.string().describe('Your own ID of the user, the key of every later call'),
	mobile_no: z.string().nullish().describe('Mobile number, when given'),
	email: z.string().nullish().describe('Email, when given'),
	name: z.string().nullish().describe('Name, when given'),
});

export const loggedMessage = z.looseObject({
	message_id: id.describe('Haptik’s ID of the logged message'),
	message_body: z.string().describe('The text as Haptik logged it'),
	created_at: z.string().describe('When Haptik logged it (ISO 8601)'),
	message_type: z.number().describe('0 for text, 1 for an image, 52 for a document'),
});

export const loggedFile = loggedMessage.extend({
	file_url: z.string().describe('Where Haptik keeps the file'),
});

export const movedChat = z.looseObject({
	success: z.literal(true).describe('True: the chat waits in the team’s queue'),
});

export const transcriptLine = z.looseObject({
	text: z.string().describe('What was said'),
	sender: z.string().describe('"user", "bot" or the agent’s name'),
	message_id: id.optional().describe('Haptik’s message ID'),
	timestamp: z.string().optional().describe('When, as Haptik writes it ("06/22/20 07:24:25 AM UTC")'),
});

export const transcript = z.object({
	lines: z.array(transcriptLine).describe('The conversation in order'),
	text: z.string().describe('The conversation as text, one line per message ("user: …")'),
});

/** What the agent tool APIs (TRACT) answer, as documented (sources.md#haptik-tract-answers, sources.md#haptik-tract-ect-apis). */
export const tractAcknowledgement = z.strictObject({ error: z.string().optional() });
export const threadControlAnswer = z.looseObject({ success: z.boolean(), reason: z.unknown().optional() });
export const tractUser = z.looseObject({
	user_id: z.string(),
	third_party_user_id: z.string().nullish(),
	user_name: z.string().nullish(),
	device_platform: z.number().nullish(),
	details_available: z.array(z.string()).nullish(),
});
export const tractUserDetails = z.looseObject({ user_id: z.string().optional(), details: z.record(z.string(), z.unknown()) });
export const chatHistoryAnswer = z.looseObject({ chat_json: z.array(z.unknown()) });
/** Fetch listeners: `listeners`, a list of dicts flagged is_default, is_primary, active (sources.md#haptik-tract-listeners). */
export const listenersAnswer = z.looseObject({
	listeners: z.array(z.looseObject({ is_default: z.boolean().nullish(), is_primary: z.boolean().nullish(), active: z.boolean().nullish() })),
});

/** Log feedback: 201 `{ "success": true }` (sources.md#haptik-feedback). */
export const feedbackAnswer = z.looseObject({ success: z.literal(true).describe('True: Haptik logged the feedback') });

/** Re-enable the webhook: 200 `{ "enabled": true }` (sources.md#haptik-webhook-reenable). */
export const reenabledWebhook = z.looseObject({ enabled: z.literal(true).describe('True: Haptik delivers to the webhook again, starting with what it queued') });

export const listenerItem = z.looseObject({
	userId: z.string().describe('The Haptik user ID the listeners are for'),
	receiverId: z.string().nullable().describe('The receiver ID thread control names it by (Hand Back’s receivers); null when Haptik’s entry has none'),
	isDefault: z.boolean().describe('Gets a new chat’s first message'),
	isPrimary: z.boolean().describe('May take and give control (Haptik’s bot and its own agent chat)'),
	active: z.boolean().describe('Holds the conversation now: the only one that may answer the user'),
	listener: z.record(z.string(), z.unknown()).describe('The entry as Haptik sent it'),
});

export const agentToolResult = z.looseObject({
	userId: z.string().describe('The Haptik user ID the request was for'),
	sent: z.literal(true).describe('True: Haptik accepted it'),
});

export const handedBack = agentToolResult.extend({
	receiver: z.string().describe('Who answers the user now (the bot’s receiver ID)'),
});

export const agentToolUser = z.looseObject({
	userId: z.string().describe('Haptik’s user ID'),
	userName: z.string().nullable().describe('Haptik’s user name (for Get Transcript and Move to Agent Team)'),
	thirdPartyUserId: z.string().nullable().describe('The user’s ID on their channel (e.g. WhatsApp number), or your auth ID'),
	devicePlatform: z.number().nullable().describe('Haptik’s channel number (13 is the Bot API, 14 WhatsApp)'),
	details: z.record(z.string(), z.unknown()).describe('The details Haptik holds, e.g. name, mobile_no, email and custom data'),
});

/** HSL, the shape of every Haptik message body: text, a type and type-specific data. */
export const hsl = z.looseObject({
	text: z.string().optional(),
	type: z.string().optional(),
	data: z.record(z.string(), z.unknown()).optional(),
});

export type Hsl = z.output<typeof hsl>;

/** A text message as HSL: what the agent tool API wants, serialized, in message_body. */
export const textHsl = (text: string): string => JSON.stringify({ text, type: 'TEXT', data: { quick_replies: [] } });

/** HSL from a string (TRACT serializes it) or an object (the Bot API webhook); text alone when it is not HSL. */
export function readHsl(body: unknown): { text: string; type: string; quickReplies: string[]; data: Record<string, unknown> } {
	let value = body;
	if (typeof body === 'string') {
		try {
			value = JSON.parse(body) as unknown;
		} catch {
			return { text: body, type: 'TEXT', quickReplies: [], data: {} };
		}
	}
	const parsed = hsl.safeParse(value);
	const message = parsed.success ? parsed.data : {};
	const replies = Array.isArray(message.data?.quick_replies) ? (message.data.quick_replies as Array<{ actionable_text?: unknown }>) : [];
	return {
		text: message.text ?? '',
		type: message.type ?? 'TEXT',
		quickReplies: replies.map((reply) => reply?.actionable_text).filter((text): text is string => typeof text === 'string'),
		data: message.data ?? {},
	};
}
