import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

export interface FieldError {
	field: string;
	message: string;
}

export interface ServiceErrorDetails {
	/** HTTP status of the response, when there was one. */
	httpCode?: number;
	/** The service's own error code (telSpiel `status`, Sobot `ret_code`, ...). */
	code?: string;
	/** How to fix it, shown under the message in n8n. */
	description?: string;
	fields?: FieldError[];
	/** The service's response body, kept so the user sees what the service said. */
	body?: unknown;
}

/**
 * A failure in the service's own terms. Clients throw it; only the runner turns it into an n8n error,
 * so clients stay free of n8n types.
 */
export class ServiceError extends Error {
	readonly httpCode?: number;
	readonly code?: string;
	readonly description?: string;
	readonly fields: FieldError[];
	readonly body?: unknown;

	constructor(message: string, details: ServiceErrorDetails = {}) {
		super(message);
		this.name = 'ServiceError';
		this.httpCode = details.httpCode;
		this.code = details.code;
		this.description = details.description;
		this.fields = details.fields ?? [];
		this.body = details.body;
	}
}

/**
 * Field errors as services send them: `{ "field": ["message", …] }`, that object as a JSON string
 * (telSpiel), or a plain list of messages (Rails). A string that is not JSON is one message.
 */
export function fieldErrorsOf(errors: unknown): FieldError[] {
	let parsed = errors;
	if (typeof errors === 'string') {
		try {
			parsed = JSON.parse(errors);
		} catch {
			return [{ field: 'request', message: errors }];
		}
	}
	if (Array.isArray(parsed)) return parsed.map((message) => ({ field: 'request', message: String(message) }));
	if (!parsed || typeof parsed !== 'object') return [];
	return Object.entries(parsed as Record<string, unknown>).flatMap(([field, messages]) =>
		(Array.isArray(messages) ? messages : [messages]).map((message) => ({ field, message: String(message) })),
	);
}

/** A node parameter that does not fit its operation's input schema; raised before any request. */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

const REDACTED = '[redacted]';

// Header and field names whose values are credentials whatever service they come from.
const SECRET_NAME = String.raw`(?:api[-_]?key|app[-_]?key|authorization|token|access[-_]?token|password|secret|sign|jwt)`;
const secretPairPatterns = [
	// "apiKey": "value" / 'token': 'value' (JSON and JS object text)
	new RegExp(String.raw`(["']?${SECRET_NAME}["']?\s*[:=]\s*["'])([^"']+)(["'])`, 'gi'),
	// api-key: value / token=value / Authorization: Bearer value (headers, query strings, log lines)
	new RegExp(String.raw`(\b${SECRET_NAME}\s*[:=]\s*(?:(?:Bearer|Basic|Token)\s+)?)([^\s&,;"'}]+)()`, 'gi'),
];
const bearerPattern = /\b(Bearer\s+)[\w\-.~+/]+=*/gi;

/** Removes credentials from text: the known secret values first, then anything in a secret-looking slot. */
export class Redactor {
	private readonly secrets: string[];

	constructor(secrets: Iterable<string | undefined>) {
		// Longest first, so a secret that contains another is removed whole.
		this.secrets = [...new Set([...secrets].filter((s): s is string => !!s && s.length >= 4))].sort(
			(a, b) => b.length - a.length,
		);
	}

	text(value: string): string {
		let result = value;
		for (const secret of this.secrets) result = result.split(secret).join(REDACTED);
		for (const pattern of secretPairPatterns) result = result.replace(pattern, `$1${REDACTED}$3`);
		return result.replace(bearerPattern, `$1${REDACTED}`);
	}

	/** Deep copy of a JSON-like value with every string redacted and secret-named keys blanked. */
	value(value: unknown, depth = 0): unknown {
		if (typeof value === 'string') return this.text(value);
		if (value === null || typeof value !== 'object' || depth > 8) return value;
		if (Array.isArray(value)) return value.map((entry) => this.value(entry, depth + 1));
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			copy[key] = new RegExp(`^${SECRET_NAME}$`, 'i').test(key) ? REDACTED : this.value(entry, depth + 1);
		}
		return copy;
	}
}

function describeFields(fields: FieldError[]): string {
	return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
}

/** Converts anything an operation threw into the n8n error shown for item `itemIndex`, with no secrets in it. */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
	redactor: Redactor,
): NodeApiError | NodeOperationError {
	if (error instanceof InputError) {
		return new NodeOperationError(node, redactor.text(error.message), {
			description: redactor.text(error.description),
			itemIndex,
		});
	}
	if (error instanceof ServiceError) {
		const fieldText = describeFields(error.fields);
		const description = [error.description, fieldText].filter(Boolean).join('\n');
		// `serviceCode`, not `code`: n8n reads `code`-like keys as a status and replaces the message.
		const cause: JsonObject = redactor.value({
			message: error.message,
			httpCode: error.httpCode ?? null,
			serviceCode: error.code ?? null,
			fields: error.fields,
			body: error.body ?? null,
		}) as JsonObject;
		return new NodeApiError(node, cause, {
			message: redactor.text(error.message),
			description: description ? redactor.text(description) : undefined,
			httpCode: error.httpCode !== undefined ? String(error.httpCode) : undefined,
			itemIndex,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// Raised by n8n itself (e.g. while authenticating): keep its kind, drop anything secret.
		error.message = redactor.text(error.message);
		if (error.description) error.description = redactor.text(error.description);
		if (error.cause instanceof Error) error.cause.message = redactor.text(error.cause.message);
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, redactor.text(message), { itemIndex });
}

/** The json of an item that failed under Continue On Fail. */
export function errorItemJson(error: NodeApiError | NodeOperationError): JsonObject {
	const json: JsonObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	const cause = (error as { errorResponse?: JsonObject }).errorResponse;
	if (cause?.serviceCode) json.code = cause.serviceCode;
	if (Array.isArray(cause?.fields) && cause.fields.length > 0) json.fields = cause.fields;
	return json;
}
