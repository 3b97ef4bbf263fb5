import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../shared/errors';
import { createTransport } from '../shared/http';
import type { HttpClient } from '../shared/http';
import { conversationClientId } from './conversation';
import { servicePatternService } from './service';

/**
 * The relay: how a chat opened by a ServicePattern node (on any n8n process, a queue-mode worker
 * included) comes to be followed by the ServicePattern Relay Trigger, which runs on the n8n main
 * that also receives webhooks. Request Chat posts the chat to the relay trigger's own production
 * webhook; the webhook hands it to the trigger running in that process. Nothing is shared but HTTP,
 * which is what n8n lets a node on a worker reach its main with.
 *
 * The webhook is public, and so is everything else about it (the App ID sits in every web-chat page
 * of the scenario entry, the tenant and the path in the workflow, this code on npm). So the relay
 * trusts only the credential's Relay Secret, which n8n keeps encrypted and never shows: each
 * registration carries an HMAC made with it, over the chat, the relay path, the time it was made and
 * a nonce used once.
 */

/** Where Request Chat and the relay trigger meet unless told otherwise: `<n8n>/webhook/<path>`. */
export const DEFAULT_RELAY_PATH = 'servicepattern-relay';

/** The most chats one relay trigger follows at once: one held poll each. */
export const MAX_RELAYED_CHATS = 1_000;

export const SIGNATURE_HEADER = 'x-servicepattern-relay-signature';

/** How far a registration's time may be from the relay's clock: covers the transport's retries and clock skew between processes. */
export const MAX_AGE_MS = 5 * 60 * 1000;

/** Shorter secrets are refused on both sides: a guessable secret is no secret. */
export const MIN_SECRET_LENGTH = 16;

const SIGNATURE_VERSION = 'v1';

/** A chat to follow. */
export const chatToFollow = z.object({
	clientId: z.string().min(1),
	chatId: z.string().min(1),
	conversationKey: z.string().optional(),
});

export type ChatToFollow = z.output<typeof chatToFollow>;

/** A chat to follow, as Request Chat posts it: when it was made (ms since 1970) and a nonce of 128 random bits. */
export const relayRegistration = chatToFollow.extend({
	issuedAt: z.number().int().positive(),
	nonce: z.string().regex(/^[0-9a-f]{32}$/),
});

export type RelayRegistration = z.output<typeof relayRegistration>;

/** What is signed: one JSON array, so no field's content can move another field's boundary. */
const signedText = (registration: RelayRegistration, path: string) =>
	JSON.stringify([
		SIGNATURE_VERSION,
		normalPath(path),
		registration.issuedAt,
		registration.nonce,
		registration.clientId,
		registration.chatId,
		registration.conversationKey ?? null,
	]);

const normalPath = (path: string) => path.trim().replace(/^\/+|\/+$/g, '');

export function signRegistration(registration: RelayRegistration, path: string, secret: string): string {
	return `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(signedText(registration, path)).digest('hex')}`;
}

/** A registration of `chat` made now, with a fresh nonce. */
export function newRegistration(chat: ChatToFollow, now: number): RelayRegistration {
	return { ...chat, issuedAt: now, nonce: randomBytes(16).toString('hex') };
}

/** The credential's Relay Secret, or why there is none to use. */
export function relaySecretOf(credentials: IDataObject): { secret: string } | { problem: string } {
	const secret = typeof credentials.relaySecret === 'string' ? credentials.relaySecret : '';
	if (!secret) return { problem: 'The ServicePattern credential has no Relay Secret' };
	if (secret.length < MIN_SECRET_LENGTH) return { problem: `The ServicePattern credential’s Relay Secret is shorter than ${MIN_SECRET_LENGTH} characters` };
	return { secret };
}

export const SECRET_HINT =
	'Set the same Relay Secret (a long random value, e.g. from `openssl rand -hex 32`) in the ServicePattern credential that Request Chat and the ServicePattern Relay Trigger use.';

/** Why a registration is refused, as the relay answers it. */
export interface Refusal {
	status: 400 | 401 | 422;
	message: string;
}

/**
 * Checks a registration before anything of it is used: the signature in constant time, its age, and
 * that its client ID is the one its conversation key gives (a reply is never bound to another
 * customer's key). Whether its nonce was used before, only the running relay knows.
 */
export function checkRegistration(body: unknown, signature: unknown, options: { secret: string; path: string; now: number }): { chat: RelayRegistration } | Refusal {
	const parsed = relayRegistration.safeParse(body);
	if (!parsed.success) return { status: 400, message: 'Expected a registration: clientId, chatId, optionally conversationKey, issuedAt and nonce' };
	const registration = parsed.data;
	if (typeof signature !== 'string' || !/^v1=[0-9a-f]{64}$/.test(signature)) return { status: 401, message: 'The registration carries no relay signature' };
	const expected = Buffer.from(signRegistration(registration, options.path, options.secret));
	if (!timingSafeEqual(expected, Buffer.from(signature))) return { status: 401, message: 'The registration is not signed with this relay’s Relay Secret' };
	if (Math.abs(options.now - registration.issuedAt) > MAX_AGE_MS) return { status: 401, message: 'The registration is too old (or from a clock more than 5 minutes off)' };
	if (registration.conversationKey !== undefined && registration.clientId !== conversationClientId(registration.conversationKey)) {
		return { status: 422, message: 'The client ID is not the one the conversation key gives' };
	}
	return { chat: registration };
}

export const relayUrl = (instanceBaseUrl: string, path: string) => `${instanceBaseUrl.replace(/\/+$/, '')}/webhook/${normalPath(path)}`;

/** How a running relay takes a registration. */
export type Taken = 'following' | 'full' | 'replayed' | 'boundElsewhere';

/** What the relay trigger offers its webhook in the same process. */
export interface RunningRelay {
	register(registration: RelayRegistration): Taken;
	readonly size: number;
}

/** Relay triggers running in this process, by workflow and node: the webhook finds its trigger here. */
export const runningRelays = new Map<string, RunningRelay>();

export const relayKey = (workflowId: string | undefined, nodeName: string) => `${workflowId ?? ''}\u0000${nodeName}`;

/** The relay's answer to a registration whose nonce it has seen: nothing changes, and its sender knows the relay has it. */
export const REPLAYED_STATUS = 409;

/**
 * The node's side: tells the relay trigger at `path` of this n8n (its instance URL, which a worker
 * shares with its main through N8N_EDITOR_BASE_URL or WEBHOOK_URL) to follow a chat.
 */
export async function relayChat(functions: IExecuteFunctions, path: string, chat: ChatToFollow): Promise<{ relay: string }> {
	const credentials = await functions.getCredentials(servicePatternService.credentialType);
	const found = relaySecretOf(credentials);
	if ('problem' in found) {
		throw new ServiceError(`${found.problem}. The chat is open, but the relay takes only signed registrations`, { description: SECRET_HINT });
	}
	const http = createTransport(functions, { serviceName: 'The ServicePattern Relay Trigger', timeoutMs: 10_000, retryUnsafe: true });
	const url = relayUrl(functions.getInstanceBaseUrl(), path);
	const registration = newRegistration(chat, Date.now());
	await registerWithRelay(http, url, registration, signRegistration(registration, path, found.secret));
	return { relay: path };
}

/** Tells the relay trigger at `url` to follow a chat. */
export async function registerWithRelay(http: HttpClient, url: string, registration: RelayRegistration, signature: string): Promise<void> {
	const failure = await http.request({ method: 'POST', url, body: registration, headers: { [SIGNATURE_HEADER]: signature }, idempotent: true }).then(
		() => undefined,
		(error: unknown) => error,
	);
	// The same registration sent again (a retry whose first attempt arrived): the relay has it.
	if (failure instanceof ServiceError && failure.httpCode === REPLAYED_STATUS) return;
	if (failure !== undefined) throw relayFailure(failure, url);
}

/** A refused registration in words: the chat is open either way. */
function relayFailure(failure: unknown, url: string): unknown {
	const status = failure instanceof ServiceError ? failure.httpCode : undefined;
	const path = new URL(url).pathname;
	if (status === 404) {
		return new ServiceError(`No active ServicePattern Relay Trigger listens at ${path}`, {
			httpCode: 404,
			description: `The chat is open, but nothing relays its agent events. Activate the workflow whose ServicePattern Relay Trigger has this Relay Path, or leave Relay Path empty. Asked: ${url}`,
		});
	}
	if (status !== undefined && [401, 422, 429, 503].includes(status)) {
		const body = (failure as ServiceError).body as { message?: unknown } | undefined;
		return new ServiceError(`The ServicePattern Relay Trigger at ${path} did not take the chat: ${String(body?.message ?? `HTTP ${status}`)}`, {
			httpCode: status,
			...(status === 401 ? { description: SECRET_HINT } : {}),
		});
	}
	return failure;
}
