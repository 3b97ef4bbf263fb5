import { createHash, createHmac, timingSafeEqual } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import { readHsl } from './schemas';

/**
 * What Haptik posts to the Haptik Trigger, read into one shape: the Bot API's webhook (bot and agent
 * replies, sources.md#haptik-webhook-payload-fields) and the external agent tool's hooks (sources.md#haptik-tract-message-hook).
 */

export const SIGNATURE_HEADER = 'x-hub-signature';

/**
 * `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body, keyed with the shared secret>`, documented for
 * the Bot API webhook (sources.md#haptik-webhook-signature). The agent tool's hooks list no signature
 * (sources.md#haptik-tract-message-hook): the trigger checks them with a secret in their URL instead,
 * or with this one if the user says Haptik signs them (the trigger's Agent Tool Hooks Check).
 */
export function isSignedBy(secret: string, rawBody: Buffer, header: unknown): boolean {
	if (!secret || typeof header !== 'string') return false;
	const match = /^sha1=([0-9a-f]{40})$/i.exec(header.trim());
	if (!match) return false;
	const expected = createHmac('sha1', secret).update(rawBody).digest();
	return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

export const signBody = (secret: string, rawBody: Buffer | string) => `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}`;

/** The query parameter that carries the secret of the hook URLs the trigger registers with the agent tool. */
export const HOOK_KEY_PARAMETER = 'key';

/** A hook URL with the trigger's key, and back: the URL as n8n serves it, and the key it carries. */
export const hookUrlWithKey = (url: string, key: string) => `${url}${url.includes('?') ? '&' : '?'}${HOOK_KEY_PARAMETER}=${encodeURIComponent(key)}`;
export function splitHookUrl(url: string): { base: string; key?: string } {
	try {
		const parsed = new URL(url);
		const key = parsed.searchParams.get(HOOK_KEY_PARAMETER) ?? undefined;
		parsed.searchParams.delete(HOOK_KEY_PARAMETER);
		return { base: parsed.toString(), key };
	} catch {
		return { base: url };
	}
}

/**
 * Which kind of delivery a body is. Every Bot API webhook payload names its event (`event_name`,
 * sources.md#haptik-webhook-payload); the agent tool's hooks never do. Each kind is then checked its own
 * way, so a body of either shape meets one of the two secrets.
 */
export const isBotApiDelivery = (body: unknown) => typeof record(body).event_name === 'string';

export const EVENTS = [
	{ value: 'botMessage', name: 'Bot Message', description: 'The bot or a Haptik agent replied to a user (Bot API webhook)' },
	{ value: 'agentAssigned', name: 'Haptik Agent Assigned', description: 'A Haptik agent took the chat (chat_pinned)' },
	{ value: 'conversationComplete', name: 'Conversation Complete', description: 'The bot or a Haptik agent completed the conversation' },
	{ value: 'handoverRequested', name: 'Handover to Agent Tool', description: 'The bot could not finish and hands the chat to your agents (collection_state/incomplete)' },
	{ value: 'userMessage', name: 'User Message to Agent Tool', description: 'A user wrote in a chat your agents hold (message/receive from the user)' },
	{ value: 'agentToolBotMessage', name: 'Bot Message to Agent Tool', description: 'The bot or Haptik wrote in a chat your agents hold (message/receive)' },
	{ value: 'returnedToBot', name: 'Back with the Bot', description: 'The conversation is with the bot again (collection_state/bot)' },
	{ value: 'agentToolComplete', name: 'Agent Tool Conversation Complete', description: 'The conversation was completed (collection_state/complete)' },
	{ value: 'agentToolUserCreated', name: 'User Created for Agent Tool', description: 'Haptik asks your agent tool to create the user (user_events/create_user, optional: registered only when chosen)' },
] as const;

export type HaptikEvent = (typeof EVENTS)[number]['value'];

export interface HaptikDelivery {
	event: HaptikEvent | undefined;
	/** For deduplication: Haptik's message ID where there is one, else the body's own digest. */
	key: string;
	item: IDataObject;
}

function record(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

const BOT_EVENTS: Record<string, HaptikEvent> = {
	message: 'botMessage',
	chat_pinned: 'agentAssigned',
	webhook_conversation_complete: 'conversationComplete',
	// Deprecated, but still sent by some deployments.
	chat_complete: 'conversationComplete',
};

const STATE_EVENTS: Record<string, HaptikEvent> = { incomplete: 'handoverRequested', bot: 'returnedToBot', complete: 'agentToolComplete' };

/**
 * Reads one delivery; `event` is undefined for what Haptik may add later (Haptik asks clients to
 * ignore unknown events and still answer 200). Every key is read defensively, as Haptik asks.
 */
export function readDelivery(body: unknown, rawBody: Buffer): HaptikDelivery {
	const fields = record(body);
	const digest = createHash('sha1').update(rawBody).digest('hex');
	// The external agent tool's message hook: user_id, message_id, message_body (serialized HSL), sender.
	if (fields.message_id !== undefined && fields.sender !== undefined) {
		const message = readHsl(fields.message_body);
		const sender = text(fields.sender);
		return {
			event: sender === 'ceu' ? 'userMessage' : 'agentToolBotMessage',
			key: `agentTool:${text(fields.message_id)}`,
			item: {
				source: 'agentTool',
				userId: text(fields.user_id) ?? null,
				conversationNumber: text(fields.conversation_number) ?? null,
				messageId: text(fields.message_id) ?? null,
				sender: sender ?? null,
				...message,
				timestamp: text(fields.timestamp) ?? null,
				metadata: fields.metadata ?? null,
			},
		};
	}
	// The agent tool's event hook: category and subcategory.
	if (fields.category !== undefined && fields.subcategory !== undefined) {
		const category = text(fields.category);
		const subcategory = text(fields.subcategory) ?? '';
		return {
			event: category === 'collection_state' ? STATE_EVENTS[subcategory] : undefined,
			key: `agentToolEvent:${digest}`,
			item: {
				source: 'agentTool',
				userId: text(fields.user_id) ?? null,
				conversationNumber: text(fields.conversation_number) ?? null,
				category: category ?? null,
				subcategory,
				metadata: fields.metadata ?? null,
			},
		};
	}
	// The agent tool's Create User hook: user_id and what Haptik knows of the user (sources.md#haptik-tract-create-user-hook).
	if (fields.event_name === undefined && fields.user_id !== undefined) {
		return {
			event: 'agentToolUserCreated',
			key: `agentToolUser:${text(fields.user_id)}`,
			item: {
				source: 'agentTool',
				userId: text(fields.user_id) ?? null,
				thirdPartyUserId: text(fields.third_party_user_id) ?? null,
				userName: text(fields.user_name) ?? null,
				devicePlatform: fields.device_platform ?? null,
				detailsAvailable: Array.isArray(fields.details_available) ? fields.details_available : [],
			},
		};
	}
	// The Bot API webhook: event_name, user, agent, message.
	const user = record(fields.user);
	const agent = record(fields.agent);
	const message = record(fields.message);
	const eventName = text(fields.event_name) ?? '';
	const body_ = readHsl(message.body);
	return {
		event: BOT_EVENTS[eventName],
		key: message.id !== undefined ? `bot:${eventName}:${text(message.id)}` : `bot:${digest}`,
		item: {
			source: 'bot',
			eventName,
			authId: text(user.auth_id) ?? null,
			userId: text(user.user_id) ?? null,
			userName: text(user.user_name) ?? null,
			businessId: fields.business_id ?? null,
			messageId: text(message.id) ?? null,
			...body_,
			agent: { name: text(agent.name) ?? null, isAutomated: agent.is_automated ?? null, email: agent.email ?? null },
			timestamp: text(fields.timestamp) ?? null,
			...(eventName === 'webhook_conversation_complete' ? { conversation: record(fields.data), followUp: record(fields.follow_up_details) } : {}),
			user,
		},
	};
}

/** How long a delivery is remembered: Haptik retries for about an hour (+5 s … +1410 s), then gives up. */
export const REMEMBER_MS = 2 * 60 * 60 * 1000;
export const MAX_REMEMBERED = 2000;

/**
 * Deliveries seen, by key and time: kept in this process (deliveries that arrive together) and in
 * the workflow's static data, which n8n saves in its database right after each webhook call (retries
 * that reach another n8n process, or come after a restart). Returns true when `key` is new.
 */
export function firstDelivery(seen: Map<string, number>, stored: IDataObject, key: string, now: number): boolean {
	const kept = record(stored.seen) as Record<string, number>;
	for (const [known, at] of Object.entries(kept)) if (!seen.has(known)) seen.set(known, at);
	for (const [known, at] of seen) if (now - at > REMEMBER_MS) seen.delete(known);
	const fresh = !seen.has(key);
	if (fresh) seen.set(key, now);
	while (seen.size > MAX_REMEMBERED) seen.delete(seen.keys().next().value as string);
	// A whole-object assignment: n8n's static data notices those, not changes inside a nested object.
	stored.seen = Object.fromEntries(seen);
	return fresh;
}
