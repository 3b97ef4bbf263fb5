import { createHash } from 'crypto';

import { ServiceError } from '../shared/errors';
import type { HttpClient, HttpError, HttpMethod, HttpRequest, HttpResponse } from '../shared/http';
import { parseAnswer } from '../shared/answers';
import { activeChatAnswer } from './schemas';
import type { ClientEvent } from './schemas';

/** The Mobile/Web API's documented error codes (`error_code` in the error body). */
export const ERROR_CODES: Record<string, string> = {
	'1000': 'Missing or invalid tenantUrl',
	'2000': 'Authorization header is missing',
	'2001': 'Authorization parameter format is incorrect',
	'2002': 'Authorization scheme is incorrect',
	'2003': 'Authorization parameter is missing: appId',
	'2004': 'Authorization parameter is missing: clientId',
	'3000': 'Missing or invalid application unique id',
	'5000': 'Timeout: the chat server takes too long to respond',
	'5001': 'No server is available to accept the chat connection',
	'5003': 'Error decoding the JSON request body',
};

const CONFIGURATION_HINT =
	'Check the Base URL, Tenant URL and App ID of the ServicePattern credential: the App ID is the unique identifier of the Messaging/Chat scenario entry.';

export function mapServicePatternError(failure: HttpError): ServiceError | undefined {
	if (failure.kind !== 'status') return undefined;
	const status = failure.response?.status;
	const body = failure.response?.body as { error_code?: unknown; error_message?: unknown } | null;
	const code = body?.error_code === undefined ? undefined : String(body.error_code);
	const own = typeof body?.error_message === 'string' ? body.error_message : undefined;
	const known = code ? ERROR_CODES[code] : undefined;
	const message = known ?? own;
	if (status === 401 || status === 403 || code === '1000' || code?.startsWith('200') || code === '3000') {
		return new ServiceError(`The contact center refused the request${message ? `: ${message}` : ''}`, {
			httpCode: status,
			code,
			description: CONFIGURATION_HINT,
			body,
		});
	}
	if (status === 404) {
		return new ServiceError('The contact center has no such chat or file', {
			httpCode: status,
			code,
			description: 'The chat may have ended, or the ID belongs to another conversation (client ID).',
			body,
		});
	}
	if (message) return new ServiceError(`The contact center answered: ${message}`, { httpCode: status, code, body });
	return undefined;
}

export interface ServicePatternSettings {
	baseUrl: string;
	appId: string;
	version: 'v1' | 'v2';
}

/** Any value, as a stable client ID: a UUID v5 in the package's own namespace. */
const NAMESPACE = '4f9f1b3c-6a7e-5d2b-9c1a-2b7e3d5f8a61';

export function conversationClientId(key: string): string {
	const namespace = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
	const hash = createHash('sha1').update(Buffer.concat([namespace, Buffer.from(key, 'utf8')])).digest();
	hash[6] = (hash[6] & 0x0f) | 0x50;
	hash[8] = (hash[8] & 0x3f) | 0x80;
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let messageSequence = 0;

/** A message ID in the documented form `<chatId>:<n>`, unique within this process. */
export function nextMessageId(chatId: string): string {
	messageSequence = (messageSequence + 1) % 1000;
	return `${chatId}:${Date.now() * 1000 + messageSequence}`;
}

/** The customer side of Bright Pattern's Mobile/Web (Messaging) API. Knows nothing of n8n. */
export class ServicePatternClient {
	private readonly root: string;

	constructor(
		private readonly http: HttpClient,
		private readonly settings: ServicePatternSettings,
	) {
		this.root = `${settings.baseUrl.replace(/\/+$/, '')}/clientweb/api/${settings.version}`;
	}

	get version() {
		return this.settings.version;
	}

	private authorization(clientId: string) {
		return `MOBILE-API-140-327-PLAIN appId="${this.settings.appId}", clientId="${clientId}"`;
	}

	async send<T = unknown>(
		clientId: string,
		method: HttpMethod,
		path: string,
		options: Partial<HttpRequest> = {},
	): Promise<HttpResponse<T>> {
		return await this.http.request<T>({
			method,
			url: `${this.root}${path}`,
			...options,
			headers: {
				Authorization: this.authorization(clientId),
				...(options.body !== undefined && !options.headers?.['Content-Type'] ? { 'Content-Type': 'application/json; charset=UTF-8' } : {}),
				...options.headers,
			},
		});
	}

	async json(clientId: string, method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
		return (await this.send(clientId, method, path, { body })).body;
	}

	/** The session of this client ID, or undefined when it has none (404). */
	async activeChat(clientId: string): Promise<Record<string, unknown> | undefined> {
		const noChat = (error: unknown) => error instanceof ServiceError && error.httpCode === 404;
		return await this.json(clientId, 'GET', '/chats/active').then(
			(answer) => parseAnswer(activeChatAnswer, answer),
			async (error: unknown) => (noChat(error) ? undefined : await Promise.reject(error)),
		);
	}

	/** Sends one event, as the official clients do (one event per request). */
	async sendEvent(clientId: string, chatId: string, event: ClientEvent): Promise<unknown> {
		return await this.json(clientId, 'POST', `/chats/${encodeURIComponent(chatId)}/events`, { events: [event] });
	}

	/** Waits for new events: the server holds the request 5 to 15 s when there are none. */
	async newEvents(clientId: string, chatId: string, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
		// Never repeated: a second poll while one is held is refused with 400.
		const response = await this.send(clientId, 'GET', `/chats/${encodeURIComponent(chatId)}/events`, { timeoutMs, idempotent: false, signal });
		return response.body;
	}
}
