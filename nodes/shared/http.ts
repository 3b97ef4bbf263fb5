import { sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ITriggerFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { TOKEN_REQUEST_TIMEOUT_MS, WITHOUT_TOKEN, expiredField } from './credentialData';
import { ServiceError } from './errors';
import { HttpError, NOT_JSON, classifyFailure, describeStatus, ownError, parseJson, preview } from './httpFailures';
import type { HttpResponse } from './httpFailures';

export { HttpError };
export type { FailureKind, HttpResponse } from './httpFailures';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** What a client asks for, in plain terms: the transport owns everything else. */
export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL. */
	url: string;
	qs?: Record<string, string | number | boolean | undefined>;
	headers?: Record<string, string>;
	/** A JSON value (sent as JSON), a string, a Buffer, a stream or a FormData. */
	body?: unknown;
	/** How to read the answer; JSON by default. */
	responseType?: 'json' | 'text' | 'stream' | 'buffer';
	/** Whether sending it twice is harmless; GET, HEAD, PUT and DELETE are by default. */
	idempotent?: boolean;
	timeoutMs?: number;
	/** Cancels the request (a trigger being stopped while its long poll is held). */
	signal?: AbortSignal;
	/**
	 * Send it with a new token: the credential's expirable field (TransportOptions.expirableField) is
	 * handed to n8n empty, so n8n runs the credential's preAuthentication, stores the new token in its
	 * database for every process, and signs this request with it. For services that say "expired"
	 * inside a success answer, where n8n's own renewal (on a 401) never happens.
	 */
	renewCredential?: boolean;
	/**
	 * Read the credential from n8n again before sending: another process may have stored a new token
	 * since this node run read it. Otherwise one node run reads it once.
	 */
	rereadCredential?: boolean;
	/**
	 * The request does not carry the credential's expirable token: n8n is handed the credential
	 * marked with WITHOUT_TOKEN, so a preAuthentication that n8n runs for it (the field being empty)
	 * can fetch none. Haptik's Bot API requests: its credential signs in to the agent tool only for
	 * that tool's requests.
	 */
	withoutToken?: boolean;
}

export interface HttpClient {
	request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}

/** How a service turns a failed answer into its own error; return undefined for the generic one. */
export type ErrorMapper = (failure: HttpError) => ServiceError | undefined;

export interface RetryPolicy {
	/** Further attempts after the first one. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export interface TransportOptions {
	/** The credential whose `authenticate` signs each request; none for a call to n8n itself (the relay). */
	credentialType?: string;
	/** The credential's expirable field (its token), for HttpRequest.renewCredential. */
	expirableField?: string;
	/** How errors name the service ("Sobot answered with HTTP 500"). */
	serviceName?: string;
	timeoutMs: number;
	/**
	 * False for operations with side effects: then only their reads (GET, HEAD) and requests that
	 * never left are sent again, never a write that may have reached the service.
	 */
	retryUnsafe: boolean;
	mapError?: ErrorMapper;
	retry?: Partial<RetryPolicy>;
	/**
	 * Statuses that mean "log in again". They are let through as errors so that n8n re-runs the
	 * credential's preAuthentication and repeats the request once, as it does on such an error.
	 */
	authRefreshStatuses?: number[];
	/**
	 * How the service says, inside an answer n8n takes for a success, that the token the request
	 * carried is no longer good (Sobot's 900002 in HTTP 200), where n8n's own renewal on a 401 never
	 * happens. Needs `expirableField`. The request, which the service did not carry out, is then sent
	 * once more with the credential read again (another n8n process may have stored a newer token),
	 * unless that still holds the refused token, and then once with a new token. No request of the
	 * node run carries a token the service refused again.
	 */
	isTokenRefused?: (response: HttpResponse) => boolean;
}

/** How a request is signed: with the credential as the node run holds it, read again, or with a new token. */
type CredentialUse = 'current' | 'reread' | 'renew';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| ITriggerFunctions
	| IWebhookFunctions
	| IHookFunctions;

const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 300, maxDelayMs: 10_000 };
/** The longest Retry-After we wait for; a longer one is reported instead of slept through. */
const MAX_RETRY_AFTER_MS = 30_000;
const IDEMPOTENT_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
// An operation with side effects repeats only its reads (a token fetch, a lookup before the write).
const READ_METHODS = new Set<HttpMethod>(['GET', 'HEAD']);

interface FullResponse {
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
}

function retryAfterMs(response: HttpResponse | undefined): number | undefined {
	const header = response?.headers['retry-after'];
	const value = Array.isArray(header) ? header[0] : header;
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffMs(attempt: number, policy: RetryPolicy): number {
	const exponential = policy.baseDelayMs * 2 ** attempt;
	// Full jitter keeps many items that failed together from retrying together.
	return Math.min(policy.maxDelayMs, Math.round(exponential * (0.5 + Math.random())));
}

/**
 * n8n's httpRequestWithAuthentication hands every request of a node run the execution's one cancel
 * signal (getExecutionCancelSignal), and axios adds a listener to it per request. Node's EventTarget
 * looks through all of a signal's listeners on every add and remove, so with a thousand requests in
 * flight each request cost a thousand steps (49 µs an item at Concurrency 1,000; bench/RESULTS.md).
 * Each request in flight borrows a lane instead: a signal of its own, aborted with the execution's,
 * so a cancelled execution still stops every request. Lanes are reused, so there are never more of
 * them (nor listeners on the execution's signal) than requests that were in flight at once.
 * Contexts without that signal (triggers, webhooks, loadOptions) send as they are.
 */
function lanesOf(context: RequestContext): (<T>(send: (context: RequestContext) => Promise<T>) => Promise<T>) | undefined {
	const execution = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	if (!execution) return undefined;
	/** Lanes not in use: each the context with a cancel signal of its own. */
	const free: RequestContext[] = [];
	const newLane = (): RequestContext => {
		const controller = new AbortController();
		const abort = () => controller.abort(execution.reason);
		if (execution.aborted) abort();
		else execution.addEventListener('abort', abort, { once: true });
		// Everything else n8n reads from `this` (helpers, logger, getNode) is the context's own.
		return Object.create(context, { getExecutionCancelSignal: { value: () => controller.signal } }) as RequestContext;
	};
	return async (send) => {
		const lane = free.pop() ?? newLane();
		try {
			return await send(lane);
		} finally {
			free.push(lane);
		}
	};
}

/**
 * The one transport of the package. Every request goes through n8n's own
 * httpRequestWithAuthentication (httpRequest when no credential signs it), so the credential's
 * `authenticate`, n8n's proxy and SSRF settings apply; this adds timeouts, the retry policy and
 * error shaping on top.
 */
export function createTransport(context: RequestContext, options: TransportOptions): HttpClient {
	const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
	const serviceName = options.serviceName ?? 'The service';
	const inLane = lanesOf(context);

	/**
	 * The credential, read from n8n once per node run and handed to n8n with every request. n8n would
	 * otherwise read it from its database for each request: in queue mode, with many items at once,
	 * those reads took the worker's few database connections and executions failed waiting for one.
	 * n8n writes a token its preAuthentication fetched into the object it is handed, so later requests
	 * of the run send the new one. For a renewal the token is handed over emptied (so n8n asks for a
	 * new one) with the expired one named; the request's timeout also bounds the token request.
	 */
	let credential: Promise<ICredentialDataDecryptedObject> | undefined;
	const field = options.expirableField;
	/** Tokens the service refused in this node run (values stay in this closure). */
	const refusedTokens = new Set<string>();
	/** The service's answer to a token fetched in this run, when it refused that one too: it stands for the rest of the run. */
	let renewalRefused: HttpResponse | undefined;
	const tokenOf = (data: ICredentialDataDecryptedObject) => (field && typeof data[field] === 'string' ? (data[field] as string) : '');

	function readCredential(type: string) {
		const reading = context.getCredentials(type).then((stored) => ({ ...stored }));
		credential = reading;
		// A failed read is not kept: the next request (or its retry) reads again.
		reading.catch(() => {
			if (credential === reading) credential = undefined;
		});
		return reading;
	}

	/**
	 * The credential to send a request with, and how it was come by: as this run holds it, read
	 * again, or to be renewed. A token the service refused is not sent again: the credential is read
	 * again instead, and renewed when the stored token is the refused one too.
	 */
	async function credentialFor(type: string, request: HttpRequest, wanted: CredentialUse): Promise<{ use: CredentialUse; data: ICredentialDataDecryptedObject }> {
		let use = wanted;
		if (use === 'current' && request.renewCredential) use = 'renew';
		if (use === 'current' && request.rereadCredential) use = 'reread';
		let data = await (use === 'reread' || !credential ? readCredential(type) : credential);
		if (use === 'current' && refusedTokens.has(tokenOf(data))) {
			use = 'reread';
			data = await readCredential(type);
		}
		if (use === 'reread' && refusedTokens.has(tokenOf(data))) use = 'renew';
		data[TOKEN_REQUEST_TIMEOUT_MS] = request.timeoutMs ?? options.timeoutMs;
		return { use, data };
	}

	/** The credential handed to n8n emptied, so that n8n asks for a new token, with the expired one named. */
	function renewal(data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		if (!field) return data;
		const renewed = { ...data, [field]: '', [expiredField(field)]: data[field] ?? '' };
		credential = Promise.resolve(renewed);
		return renewed;
	}

	async function send(request: HttpRequest, credentialData?: ICredentialDataDecryptedObject): Promise<HttpResponse> {
		const responseType = request.responseType ?? 'json';
		const isJsonBody =
			request.body !== undefined &&
			request.body !== null &&
			typeof request.body === 'object' &&
			!Buffer.isBuffer(request.body) &&
			!(request.body instanceof FormData) &&
			typeof (request.body as { pipe?: unknown }).pipe !== 'function';
		const headers: Record<string, string> = {
			...(responseType === 'json' ? { Accept: 'application/json' } : {}),
			...(isJsonBody ? { 'Content-Type': 'application/json' } : {}),
			...request.headers,
		};
		const n8nRequest: IHttpRequestOptions = {
			method: request.method as IHttpRequestMethods,
			url: request.url,
			qs: request.qs,
			headers,
			// Objects stay objects so a credential's `authenticate` can still merge its own body fields.
			body: request.body as IHttpRequestOptions['body'],
			timeout: request.timeoutMs ?? options.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: options.authRefreshStatuses?.length
				? { ignore: true, except: options.authRefreshStatuses }
				: true,
			encoding: responseType === 'stream' ? 'stream' : responseType === 'buffer' ? 'arraybuffer' : 'text',
			json: false,
			...(request.signal ? { abortSignal: request.signal } : {}),
		};
		const type = options.credentialType;
		const sendWith = async (from: RequestContext) =>
			(type === undefined
				? await from.helpers.httpRequest(n8nRequest)
				: await from.helpers.httpRequestWithAuthentication.call(from, type, n8nRequest, {
						credentialsDecrypted: { id: '', name: '', type, data: credentialData ?? {} },
					})) as FullResponse;
		// Only httpRequestWithAuthentication ties a request to the execution's signal; httpRequest does not.
		const raw = type !== undefined && inLane ? await inLane(sendWith) : await sendWith(context);
		const status = raw.statusCode;
		const response: HttpResponse = { status, headers: raw.headers ?? {}, body: raw.body };
		if (responseType === 'buffer' && raw.body instanceof ArrayBuffer) response.body = Buffer.from(raw.body);
		if (responseType !== 'json' || status === 204) return response;
		const parsed = parseJson(raw.body);
		if (parsed !== NOT_JSON) return { ...response, body: parsed };
		const text = preview(String(raw.body));
		if (status >= 400) return { ...response, body: text };
		throw new HttpError(`${serviceName} answered with HTTP ${status} but the body is not JSON`, 'invalid-body', true, {
			...response,
			body: text,
		});
	}

	/**
	 * Sends the request; when the service refuses the token it carried (isTokenRefused), once more
	 * with the credential read again, then once with a new token. Nothing was done with a refused
	 * request, so even one with side effects may go again.
	 */
	async function sendSigned(request: HttpRequest): Promise<HttpResponse> {
		const type = options.credentialType;
		if (type === undefined) return await send(request);
		for (let wanted: CredentialUse = 'current'; ; ) {
			const { use, data: read } = await credentialFor(type, request, wanted);
			if (use === 'renew' && renewalRefused) return renewalRefused;
			const data = use === 'renew' ? renewal(read) : read;
			// A copy: n8n writes what preAuthentication returns into the object it is handed, and nothing is.
			const response = await send(request, request.withoutToken ? { ...data, [WITHOUT_TOKEN]: true } : data);
			// A stream body was read by the first send and cannot go again: its refusal is the answer.
			const streamed = typeof (request.body as { pipe?: unknown } | null | undefined)?.pipe === 'function';
			if (!options.isTokenRefused?.(response) || streamed) return response;
			// Read after the call: n8n writes a token it fetched into the object it was handed.
			const token = tokenOf(data);
			if (token) refusedTokens.add(token);
			if (use === 'renew') {
				renewalRefused = response;
				return response;
			}
			wanted = use === 'current' ? 'reread' : 'renew';
		}
	}

	function repeatable(request: HttpRequest): boolean {
		return request.idempotent ?? (options.retryUnsafe ? IDEMPOTENT_METHODS : READ_METHODS).has(request.method);
	}

	function shouldRetry(failure: HttpError, request: HttpRequest, attempt: number): boolean {
		if (attempt >= policy.maxRetries) return false;
		if (!failure.sent) return true;
		if (!repeatable(request)) return false;
		if (failure.kind === 'network' || failure.kind === 'timeout') return true;
		const status = failure.response?.status ?? 0;
		return failure.kind === 'status' && (status === 429 || status >= 500);
	}

	/** "…; tried 3 times": a request that was repeated says so, so nobody wonders why it took that long. */
	function triedTimes(failure: HttpError, attempt: number): HttpError {
		if (attempt > 0) failure.message = `${failure.message}; tried ${attempt + 1} times`;
		return failure;
	}

	function finalError(failure: HttpError, request: HttpRequest): ServiceError {
		const mapped = options.mapError?.(failure);
		if (mapped) return mapped;
		const mayHaveArrived = failure.sent && failure.kind !== 'status';
		if (mayHaveArrived && !repeatable(request)) {
			return new ServiceError(failure.message, {
				code: failure.code,
				httpCode: failure.httpCode,
				body: failure.body,
				description:
					'The request may have reached the service. It was not sent again, because repeating it could do the same thing twice; check in the service before running it again.',
			});
		}
		return failure;
	}

	return {
		async request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
			for (let attempt = 0; ; attempt++) {
				let failure: HttpError;
				try {
					const response = await sendSigned(request);
					if (response.status < 400) return response as HttpResponse<T>;
					failure = new HttpError(
						describeStatus(serviceName, response),
						'status',
						true,
						response,
					);
				} catch (error) {
					// A failure the package itself named (a refused sign-in) is final as it is.
					const own = ownError(error);
					if (own) throw own;
					failure = classifyFailure(error, serviceName, request.timeoutMs ?? options.timeoutMs);
				}
				if (!shouldRetry(failure, request, attempt)) throw finalError(triedTimes(failure, attempt), request);
				const wait = retryAfterMs(failure.response) ?? backoffMs(attempt, policy);
				if (wait > MAX_RETRY_AFTER_MS) throw finalError(triedTimes(failure, attempt), request);
				await sleep(wait);
			}
		},
	};
}
