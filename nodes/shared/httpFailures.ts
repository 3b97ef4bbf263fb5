import { ServiceError } from './errors';

/**
 * How a request that got no usable answer is told: what n8n's helpers threw (an axios error under
 * n8n's wrapping, a status it was told not to ignore, a network code) turned into one HttpError that
 * says what happened, whether the request surely never left n8n, and in words that name the service.
 * No request is made here: the transport (http.ts) sends, this reads what came back.
 */

export interface HttpResponse<T = unknown> {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

export type FailureKind = 'status' | 'network' | 'timeout' | 'invalid-body';

/** A request that did not get a usable answer. `sent` is false only when it surely never left n8n. */
export class HttpError extends ServiceError {
	constructor(
		message: string,
		readonly kind: FailureKind,
		readonly sent: boolean,
		readonly response?: HttpResponse,
		readonly networkCode?: string,
	) {
		super(message, {
			httpCode: response?.status,
			code: networkCode,
			body: response?.body,
		});
		this.name = 'HttpError';
	}
}

// Failures that happen before a single byte reaches the server: safe to repeat for any request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_CANCELED']);

/**
 * Network failures in words. The code itself stays on the error (`code`): in the message, n8n would
 * replace the whole text with its generic one for that code, which does not name the service.
 */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused (is it running, and is the base URL right?)',
	ENOTFOUND: 'its host name was not found (check the base URL)',
	EAI_AGAIN: 'its host name could not be looked up just now',
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was closed while sending',
	ENETUNREACH: 'the network cannot reach it',
	EHOSTUNREACH: 'the network cannot reach it',
	ECONNABORTED: 'the connection was aborted',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'the connection timed out',
};

/** An error and the errors it wraps: n8n wraps the underlying (axios) error, sometimes twice. */
function causeChain(error: unknown): object[] {
	const chain: object[] = [];
	for (let current = error; chain.length < 4 && current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
		chain.push(current);
	}
	return chain;
}

export function findNetworkError(error: unknown): { code?: string; message: string } {
	for (const current of causeChain(error)) {
		const { code } = current as { code?: unknown };
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return { code, message: (current as Error).message ?? String(code) };
	}
	return { message: error instanceof Error ? error.message : String(error) };
}

/** The HTTP answer inside an error n8n threw for a status it was told not to ignore. */
function findResponse(error: unknown): { status: number; data: unknown; headers?: HttpResponse['headers'] } | undefined {
	for (const current of causeChain(error)) {
		const response = (current as { response?: { status?: unknown; data?: unknown; headers?: unknown } }).response;
		if (response && typeof response.status === 'number') {
			return { status: response.status, data: response.data, headers: response.headers as HttpResponse['headers'] };
		}
	}
	return undefined;
}

/** A ServiceError raised inside n8n's request helpers (the credential's sign-in), under n8n's wrapping. */
export function ownError(error: unknown): ServiceError | undefined {
	return causeChain(error).find((current): current is ServiceError => current instanceof ServiceError && !(current instanceof HttpError));
}

export const NOT_JSON = Symbol('not JSON');

const isHtml = (body: unknown) => typeof body === 'string' && /^\s*<(!doctype|html|head|body|\?xml|h1|title|center)\b/i.test(body);

/**
 * "Sobot answered with HTTP 500: <its own message>", when it gave one. An HTML page is never the
 * API's own answer: it comes from a gateway, proxy or load balancer in the way, so it says that.
 */
export function describeStatus(serviceName: string, response: HttpResponse): string {
	if (isHtml(response.body)) {
		return `${serviceName} answered with HTTP ${response.status} and an HTML page instead of its API's answer: a gateway or proxy between n8n and ${serviceName} is in the way (check the base URL, or try again later)`;
	}
	const body = response.body as Record<string, unknown> | null;
	const own =
		body && typeof body === 'object'
			? [body.message, body.error_message, body.error, body.msg].find((value) => typeof value === 'string')
			: undefined;
	return `${serviceName} answered with HTTP ${response.status}${own ? `: ${own}` : ''}`;
}

export function preview(text: string): string {
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Parses a JSON answer; an empty body is null, a body that is not JSON is NOT_JSON. */
export function parseJson(raw: unknown): unknown {
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	if (typeof text !== 'string') return text;
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		// Only a body that failed to parse is trimmed: trimming every answer copied it once more.
		return text.trim() === '' ? null : NOT_JSON;
	}
}

export function classifyFailure(error: unknown, serviceName: string, timeoutMs: number): HttpError {
	if (error instanceof HttpError) return error;
	const response = findResponse(error);
	if (response && response.status < 400) {
		// A success status with an error: the answer itself could not be read (cut off, too large, not JSON).
		const { message } = findNetworkError(error);
		return new HttpError(`${serviceName} answered with HTTP ${response.status}, but its answer could not be read: ${message}`, 'invalid-body', true, {
			status: response.status,
			headers: response.headers ?? {},
			body: typeof response.data === 'string' ? preview(response.data) : null,
		});
	}
	if (response) {
		const status = response.status;
		const parsed = parseJson(response.data);
		const body = parsed === NOT_JSON ? preview(String(response.data)) : parsed;
		return new HttpError(describeStatus(serviceName, { status, headers: {}, body }), 'status', true, {
			status,
			headers: response.headers ?? {},
			body,
		});
	}
	const { code, message } = findNetworkError(error);
	if (code && TIMEOUT_CODES.has(code)) {
		const seconds = Math.round(timeoutMs / 100) / 10;
		return new HttpError(`${serviceName} did not answer within ${seconds} s`, 'timeout', true, undefined, code);
	}
	const sent = !(code && NOT_SENT_CODES.has(code));
	// Without a network error code it failed on n8n's side of the request (a sign-in that gave no token, …).
	const text = code ? `${serviceName} could not be reached: ${NETWORK_FAILURES[code] ?? 'the connection failed'}` : `The request failed: ${message}`;
	return new HttpError(text, 'network', sent, undefined, code);
}
