import { ServiceError } from '../shared/errors';
import type { FieldError } from '../shared/errors';
import type { HttpClient, HttpError, HttpMethod } from '../shared/http';
import { resource } from './schemas';
import type { Resource } from './schemas';

export interface HoverSettings {
	baseUrl: string;
	organizationId?: string;
}

/** Rails-style validation errors ({ errors: { field: [messages] } } or a list) as field errors. */
function fieldErrors(body: unknown): FieldError[] {
	const errors = (body as { errors?: unknown } | null)?.errors;
	if (Array.isArray(errors)) return errors.map((message) => ({ field: 'request', message: String(message) }));
	if (!errors || typeof errors !== 'object') return [];
	return Object.entries(errors as Record<string, unknown>).flatMap(([field, messages]) =>
		(Array.isArray(messages) ? messages : [messages]).map((message) => ({ field, message: String(message) })),
	);
}

// Hover does not document its error answers; these follow what its Rails API most plausibly sends.
export function mapHoverError(failure: HttpError): ServiceError | undefined {
	if (failure.kind !== 'status') return undefined;
	const status = failure.response?.status;
	const body = failure.response?.body;
	const own = (body as { error?: unknown; message?: unknown } | null)?.error ?? (body as { message?: unknown } | null)?.message;
	if (status === 401 || status === 403) {
		return new ServiceError('Hover refused the sign-in', {
			httpCode: status,
			description:
				'Check the email and password (or the token, which lasts two hours) of the Hover credential, and the organization ID if you set one.',
			body,
		});
	}
	if (status === 404) {
		return new ServiceError('Hover has no such item', { httpCode: status, description: 'Check the ID; archived items can still be fetched by ID.', body });
	}
	if (status === 422 || status === 400) {
		return new ServiceError(`Hover rejected the request${typeof own === 'string' ? `: ${own}` : ''}`, {
			httpCode: status,
			fields: fieldErrors(body),
			body,
		});
	}
	return undefined;
}

/** Hover's configuration API (actions, parsers, apps). Knows nothing of n8n. */
export class HoverClient {
	private readonly baseUrl: string;

	constructor(
		private readonly http: HttpClient,
		private readonly settings: HoverSettings,
	) {
		this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
	}

	async request(method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
		const response = await this.http.request({
			method,
			url: `${this.baseUrl}${path}`,
			qs: this.settings.organizationId ? { organization_id: this.settings.organizationId } : undefined,
			body,
		});
		return response.body;
	}

	/** A JSON:API answer's `data`, as one resource. */
	async one(method: HttpMethod, path: string, body?: unknown): Promise<Resource> {
		const data = ((await this.request(method, path, body)) as { data?: unknown } | null)?.data;
		const parsed = resource.safeParse(data);
		if (!parsed.success) throw new ServiceError('Hover answered without the expected item (no data)', { body: data });
		return parsed.data;
	}

	/** A JSON:API answer's `data`, as a list of resources. */
	async many(path: string): Promise<Resource[]> {
		const data = ((await this.request('GET', path)) as { data?: unknown } | null)?.data;
		const parsed = resource.array().safeParse(data);
		if (!parsed.success) throw new ServiceError('Hover answered without the expected list (no data)', { body: data });
		return parsed.data;
	}

	/** The network operators actions can run on: public, no sign-in needed. */
	async worldOperators(): Promise<Array<{ id: string; name: string; country?: string }>> {
		const answer = await this.request('GET', '/world_operators');
		const list = Array.isArray(answer) ? answer : ((answer as { data?: unknown[] } | null)?.data ?? []);
		// The list's shape is undocumented: accept plain objects and JSON:API resources alike.
		return list.flatMap((entry) => {
			const item = entry as { id?: unknown; name?: unknown; country_alpha2?: unknown; attributes?: Record<string, unknown> };
			const attributes = item.attributes ?? (item as Record<string, unknown>);
			const name = attributes.name ?? item.name;
			if (item.id === undefined || typeof name !== 'string') return [];
			return [{ id: String(item.id), name, country: (attributes.country_alpha2 ?? attributes.country) as string | undefined }];
		});
	}
}
