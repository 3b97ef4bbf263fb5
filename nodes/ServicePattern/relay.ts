import { createHmac, timingSafeEqual } from 'crypto';

import type { IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../shared/errors';
import { createTransport } from '../shared/http';
import type { HttpClient } from '../shared/http';
import { servicePatternService } from './service';

/**
 * The relay: how a chat opened by a ServicePattern node (on any n8n process, a queue-mode worker
 * included) comes to be followed by the ServicePattern Relay Trigger, which runs on the n8n main
 * that also receives webhooks. Request Chat posts the chat to the relay trigger's own production
 * webhook; the webhook hands it to the trigger running in that process. Nothing is shared but HTTP,
 * which is what n8n lets a node on a worker reach its main with.
 */

/** Where Request Chat and the relay trigger meet unless told otherwise: `<n8n>/webhook/<path>`. */
export const DEFAULT_RELAY_PATH = 'servicepattern-relay';

/** The most chats one relay trigger follows at once: one held poll each. */
export const MAX_RELAYED_CHATS = 1_000;

export const SIGNATURE_HEADER = 'x-servicepattern-relay-signature';

/** A chat to follow, as Request Chat posts it. */
export const relayRegistration = z.object({
	clientId: z.string().min(1),
	chatId: z.string().min(1),
	conversationKey: z.string().optional(),
});

export type RelayRegistration = z.output<typeof relayRegistration>;

const signed = (registration: RelayRegistration) => `${registration.clientId}\n${registration.chatId}\n${registration.conversationKey ?? ''}`;

/**
 * Signed with the credential's App ID, which both sides hold: only a workflow with the same
 * ServicePattern credential can make the relay follow a chat (its webhook is public).
 */
export function signRegistration(registration: RelayRegistration, appId: string): string {
	return createHmac('sha256', appId).update(signed(registration)).digest('hex');
}

export function hasValidSignature(registration: RelayRegistration, appId: string, signature: unknown): boolean {
	if (typeof signature !== 'string') return false;
	const expected = Buffer.from(signRegistration(registration, appId), 'hex');
	const given = Buffer.from(signature, 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

export const relayUrl = (instanceBaseUrl: string, path: string) => `${instanceBaseUrl.replace(/\/+$/, '')}/webhook/${path.replace(/^\/+/, '')}`;

/** What the relay trigger offers its webhook in the same process. */
export interface RunningRelay {
	follow(registration: RelayRegistration): 'following' | 'full';
	readonly size: number;
}

/** Relay triggers running in this process, by workflow and node: the webhook finds its trigger here. */
export const runningRelays = new Map<string, RunningRelay>();

export const relayKey = (workflowId: string | undefined, nodeName: string) => `${workflowId ?? ''}\u0000${nodeName}`;

/**
 * The node's side: tells the relay trigger at `path` of this n8n (its instance URL, which a worker
 * shares with its main through N8N_EDITOR_BASE_URL or WEBHOOK_URL) to follow a chat.
 */
export async function relayChat(functions: IExecuteFunctions, path: string, registration: RelayRegistration): Promise<{ relay: string }> {
	const credentials = await functions.getCredentials(servicePatternService.credentialType);
	const http = createTransport(functions, { serviceName: 'The ServicePattern Relay Trigger', timeoutMs: 10_000, retryUnsafe: true });
	const url = relayUrl(functions.getInstanceBaseUrl(), path);
	await registerWithRelay(http, url, registration, signRegistration(registration, String(credentials.appId)));
	return { relay: path };
}

/** Tells the relay trigger at `url` to follow a chat. */
export async function registerWithRelay(http: HttpClient, url: string, registration: RelayRegistration, signature: string): Promise<void> {
	const failure = await http.request({ method: 'POST', url, body: registration, headers: { [SIGNATURE_HEADER]: signature }, idempotent: true }).then(
		() => undefined,
		(error: unknown) => error,
	);
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
	if (status === 503 || status === 401 || status === 429) {
		const body = (failure as ServiceError).body as { message?: unknown } | undefined;
		return new ServiceError(`The ServicePattern Relay Trigger at ${path} did not take the chat: ${String(body?.message ?? `HTTP ${status}`)}`, { httpCode: status });
	}
	return failure;
}
