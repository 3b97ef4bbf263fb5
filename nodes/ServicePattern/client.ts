import { createHash } from 'crypto';

import { ServiceError } from '../shared/errors';
import type { HttpClient, HttpError, HttpMethod, HttpRequest, HttpResponse } from '../shared/http';
import { parseAnswer } from '../shared/answers';
import { inTurn } from '../shared/inTurn';
import { whenNeeded } from '../shared/whenNeeded';
import { readEvents } from './events';
import type { ClientEvent } from './schemas';

// Required when the client first reads an answer, not when a trigger naming the client loads.
const schemas = whenNeeded(() => require('./schemas') as typeof import('./schemas'));

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

/** The case methods' own answers: 406 when the scenario set no case, 500 when the CRM refused to close it. */
function caseError(error: unknown, closing = false): unknown {
	if (!(error instanceof ServiceError)) return error;
	if (error.httpCode === 406) {
		return new ServiceError('This chat has no CRM case', {
			httpCode: 406,
			code: error.code,
			description: 'The scenario sets a case with chat_session_case_set; use the case operations after that event.',
			body: error.body,
		});
	}
	if (closing && error.httpCode === 500) {
		return new ServiceError('The CRM refused to close the case', { httpCode: 500, code: error.code, description: 'The case is set, but the CRM server answered with an error; try again later.', body: error.body });
	}
	return error;
}

export interface ServicePatternSettings {
	baseUrl: string;
	/** The contact center's domain, sent as `tenantUrl` on every request (sources.md#servicepattern-base-url). */
	tenantUrl: string;
	appId: string;
	version: 'v1' | 'v2';
}

/** What Request Chat sends besides the client ID. */
export interface ChatRequest {
	phoneNumber?: string;
	from?: string;
	parameters?: Record<string, string>;
}

/** Where the contact center pushes a chat's events to a mobile device (API v2). */
export type PushSubscription =
	| { service: 'androidFirebase' | 'iosFirebase'; deviceToken: string }
	| { service: 'iosApns'; deviceToken: string; bundleId?: string }
	| { service: 'none' };

/** The contact center refuses larger files. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** The long poll's own limit: the server holds it 5 to 15 s when nothing is new; the official clients wait 20 s. */
export const POLL_TIMEOUT_MS = 25_000;

const chatPath = (chatId: string) => `/chats/${encodeURIComponent(chatId)}`;

/** The customer side of Bright Pattern's Mobile/Web (Messaging) API. Knows nothing of n8n. */
export class ServicePatternClient {
	private readonly root: string;

	/** Which contact center and scenario entry: client and chat IDs are only unique within one. */
	private readonly scope: string;

	constructor(
		private readonly http: HttpClient,
		private readonly settings: ServicePatternSettings,
	) {
		const baseUrl = settings.baseUrl.replace(/\/+$/, '');
		this.root = `${baseUrl}/clientweb/api/${settings.version}`;
		this.scope = createHash('sha256').update(`${baseUrl}\u0000${settings.appId}`).digest('hex').slice(0, 16);
	}

	/** Runs `task` after the earlier tasks on the same conversation of this contact center (in this process), in order. */
	async inConversation<T>(clientId: string, task: () => Promise<T>): Promise<T> {
		return await inTurn(`servicepattern:${this.scope}:conversation:${clientId}`, task);
	}

	get version() {
		return this.settings.version;
	}

	private authorization(clientId: string) {
		return `MOBILE-API-140-327-PLAIN appId="${this.settings.appId}", clientId="${clientId}"`;
	}

	private async send<T = unknown>(
		clientId: string,
		method: HttpMethod,
		path: string,
		options: Partial<HttpRequest> = {},
	): Promise<HttpResponse<T>> {
		// What the credential's `authenticate` also says (credentials/ServicePatternApi.credentials.ts),
		// sent here so that triggers need no expression resolved by n8n.
		return await this.http.request<T>({
			method,
			url: `${this.root}${path}`,
			...options,
			qs: { tenantUrl: this.settings.tenantUrl, ...options.qs },
			headers: {
				'User-Agent': 'MobileClient',
				Authorization: this.authorization(clientId),
				...(options.body !== undefined && !options.headers?.['Content-Type'] ? { 'Content-Type': 'application/json; charset=UTF-8' } : {}),
				...options.headers,
			},
		});
	}

	private async json(clientId: string, method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
		return (await this.send(clientId, method, path, { body })).body;
	}

	/** Whether the scenario entry is within its hours of operation (`chat`), with the expected wait. */
	async availability(clientId: string) {
		return parseAnswer(schemas().availabilityAnswer, await this.json(clientId, 'GET', '/availability'));
	}

	/** The parameters Request Chat accepts: `{ parameters: [{ name: type }, …] }` as a list of `{ name, type }`. */
	async expectedParameters(clientId: string): Promise<Array<{ name: string; type: string }>> {
		const list = parseAnswer(schemas().parametersAnswer, await this.json(clientId, 'GET', '/parameters')).parameters ?? [];
		return list.flatMap((entry) => Object.entries(entry).map(([name, type]) => ({ name, type: String(type) })));
	}

	/**
	 * Starts a chat, or returns the client ID's existing session (`is_new_chat: false`). The body is
	 * always a JSON object, `{}` at least: the API answers a missing one with 5003 (sources.md#servicepattern-errors).
	 */
	async requestChat(clientId: string, request: ChatRequest): Promise<Record<string, unknown>> {
		const body: Record<string, unknown> = {};
		if (request.phoneNumber) body.phone_number = request.phoneNumber;
		if (request.from) body.from = request.from;
		if (request.parameters && Object.keys(request.parameters).length > 0) body.parameters = request.parameters;
		// n8n's HTTP helper drops an empty object body, so an empty one goes as JSON text.
		const sent = Object.keys(body).length > 0 ? body : '{}';
		return ((await this.json(clientId, 'POST', '/chats', sent)) ?? {}) as Record<string, unknown>;
	}

	/** The session of this client ID, or undefined when it has none (404). */
	async activeChat(clientId: string): Promise<Record<string, unknown> | undefined> {
		const noChat = (error: unknown) => error instanceof ServiceError && error.httpCode === 404;
		return await this.json(clientId, 'GET', '/chats/active').then(
			(answer) => parseAnswer(schemas().activeChatAnswer, answer),
			async (error: unknown) => (noChat(error) ? undefined : await Promise.reject(error)),
		);
	}

	/** Every event of the chat so far. */
	async history(clientId: string, chatId: string) {
		return readEvents(await this.json(clientId, 'GET', `${chatPath(chatId)}/history`));
	}

	/**
	 * Waits for new events: the server holds the request 5 to 15 s when there are none. One poll per
	 * chat at a time in this process (items of a node run, the trigger): the server refuses a second
	 * one while one is held (sources.md#servicepattern-events-polling).
	 */
	async newEvents(clientId: string, chatId: string, signal?: AbortSignal) {
		return await inTurn(`servicepattern:${this.scope}:poll:${chatId}`, async () => {
			// Never repeated: a second poll while one is held is refused with 400.
			const response = await this.send(clientId, 'GET', `${chatPath(chatId)}/events`, { timeoutMs: POLL_TIMEOUT_MS, idempotent: false, signal });
			return readEvents(response.body);
		});
	}

	/** Sends one event, as the official clients do (one event per request); returns the new events the answer carried. */
	async sendEvent(clientId: string, chatId: string, event: ClientEvent) {
		return readEvents(await this.json(clientId, 'POST', `${chatPath(chatId)}/events`, { events: [event] })).events;
	}

	/** Uploads a multipart body holding one file part `file`; returns the file's ID. */
	async uploadFile(clientId: string, upload: { body: unknown; headers: Record<string, string> }): Promise<string> {
		const answer = (await this.send(clientId, 'POST', '/files', upload)).body as { file_id?: unknown } | null;
		const fileId = answer?.file_id === undefined ? undefined : String(answer.file_id);
		if (!fileId) throw new ServiceError('The contact center did not return a file ID', { body: answer });
		return fileId;
	}

	/** A file shared in the chat, as a stream with its headers. */
	async file<Stream>(clientId: string, chatId: string, fileId: string) {
		return await this.send<Stream>(clientId, 'GET', `${chatPath(chatId)}/files/${encodeURIComponent(fileId)}`, { responseType: 'stream' });
	}

	/** An agent's photo, as a stream with its headers. */
	async profilePhoto<Stream>(clientId: string, chatId: string, partyId: string) {
		return await this.send<Stream>(clientId, 'GET', `${chatPath(chatId)}/profilephotos/${encodeURIComponent(partyId)}`, { responseType: 'stream' });
	}

	/**
	 * The chat widget configuration of the launch point (the scenario entry): `{ widgets: [{ name,
	 * urls, definition }], … styles }`, as sources.md#servicepattern-widget-configuration shows it.
	 */
	async widgetConfiguration(clientId: string): Promise<Record<string, unknown>> {
		return parseAnswer(schemas().widgetConfigurationAnswer, await this.json(clientId, 'GET', '/configuration'));
	}

	/** The server's version (API v2): `{ server_version }`. */
	async serverVersion(clientId: string): Promise<Record<string, unknown>> {
		return ((await this.json(clientId, 'GET', '/version')) ?? {}) as Record<string, unknown>;
	}

	/**
	 * The combined transcripts of every chat session linked to the chat's CRM case (API v2,
	 * sources.md#servicepattern-case-history), at the path the official Android SDK builds. 406 when
	 * the scenario set no case.
	 */
	async caseHistory(clientId: string, chatId: string) {
		const answer = await this.json(clientId, 'GET', `${chatPath(chatId)}/casehistory`).catch((error: unknown) => Promise.reject(caseError(error)));
		const { sessions } = parseAnswer(schemas().caseHistoryAnswer, answer);
		return sessions.map((session) => {
			const time = schemas().timestampToIso(session.created_time);
			return { ...session, ...(time ? { time } : {}) };
		});
	}

	/**
	 * Closes the CRM case of the chat (API v2, sources.md#servicepattern-close-case). The Postman
	 * conversion lists a path without the chat (`/closecase`), which cannot name the case; the official
	 * Android SDK posts to `chats/<chat ID>/closecase` with a chat_session_end event as the body, so
	 * this does the same (our choice, the most plausible of the two).
	 */
	async closeCase(clientId: string, chatId: string): Promise<void> {
		await this.json(clientId, 'POST', `${chatPath(chatId)}/closecase`, { events: [{ event: 'chat_session_end' }] }).catch((error: unknown) => Promise.reject(caseError(error, true)));
	}

	/** Has the contact center push the chat's events to a device, or stop (API v2). */
	async subscribeToPush(clientId: string, chatId: string, subscription: PushSubscription): Promise<void> {
		const body: Record<string, string> = {};
		if (subscription.service === 'androidFirebase') body.android_firebase_device_token = subscription.deviceToken;
		if (subscription.service === 'iosFirebase') body.ios_firebase_device_token = subscription.deviceToken;
		if (subscription.service === 'iosApns') {
			body.ios_apns_device_token = subscription.deviceToken;
			body.ios_app_bundle_id = subscription.bundleId ?? '';
		}
		await this.json(clientId, 'POST', `${chatPath(chatId)}/notifications`, body);
	}
}
