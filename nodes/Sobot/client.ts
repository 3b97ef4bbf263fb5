import { createHash } from 'crypto';

import { ServiceError } from '../shared/errors';
import type { HttpClient, HttpMethod } from '../shared/http';
import { TokenCache } from '../shared/tokens';
import { customFieldDefinition, envelope, issuedToken } from './schemas';
import type { Envelope } from './schemas';

export const SUCCESS = '000000';
export const TOKEN_EXPIRED = '900002';

/** Sobot's documented return codes (open API v5), with what the user can do about them. */
export const RETURN_CODES: Record<string, { message: string; description?: string }> = {
	'900001': { message: 'Sobot received no token', description: 'This is a defect of the node; please report it.' },
	'900002': { message: 'The Sobot token expired and a new one was refused', description: 'Check the app ID and app key of the Sobot credential.' },
	'900003': { message: 'Sobot rejected the signature: the app key is wrong', description: 'Check the app key of the Sobot credential.' },
	'900004': {
		message: 'Sobot has no API configuration for this app ID',
		description: 'Check the app ID and the region of the Sobot credential: each region has its own accounts.',
	},
	'999999': { message: 'Sobot met an unknown system error', description: 'Try again later; if it persists, contact Sobot.' },
	'700046': { message: 'Your Sobot edition does not include the API', description: 'Free and overseas team editions have no open API access.' },
	'400003': { message: 'Sobot allows a query range of at most one month' },
	'400004': { message: 'Sobot requires request parameters that were empty' },
	'400005': { message: 'Sobot could not read a date or time', description: 'Use the format YYYY-MM-DD HH:mm:ss.' },
};

export function sobotError(body: Envelope): ServiceError {
	const code = body.ret_code;
	const known = RETURN_CODES[code];
	const family = /^4000\d\d$/.test(code)
		? 'Sobot rejected the request'
		: /^(5100\d\d|50015\d)$/.test(code)
			? 'Sobot rejected the tag or blacklist change'
			: 'Sobot answered with an error';
	return new ServiceError(known?.message ?? `${family} (code ${code})`, {
		code,
		description: [known?.description, body.ret_msg ? `Sobot says: ${body.ret_msg}` : undefined].filter(Boolean).join(' '),
		body,
	});
}

export interface SobotSettings {
	baseUrl: string;
	appId: string;
	appKey: string;
}

/** Sobot's sign: lowercase hex md5 of appid + create_time + app_key. */
export function sign(appId: string, createTime: number, appKey: string): string {
	return createHash('md5').update(`${appId}${createTime}${appKey}`).digest('hex');
}

/** One token per credential for the whole process: Sobot issues a new one on every request for it. */
const sharedTokens = new TokenCache();

export type Query = Record<string, string | number | boolean | undefined>;

/** Sobot's open API v5 (customers and tickets). Knows nothing of n8n. */
export class SobotClient {
	private readonly baseUrl: string;

	private readonly tokenKey: string;

	private fieldNames?: Promise<Map<string, string>>;

	constructor(
		private readonly http: HttpClient,
		private readonly settings: SobotSettings,
		private readonly tokens: TokenCache = sharedTokens,
		private readonly now: () => number = Date.now,
	) {
		this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
		this.tokenKey = TokenCache.key(this.baseUrl, settings.appId, settings.appKey);
	}

	private async issueToken() {
		const createTime = Math.floor(this.now() / 1000);
		const response = await this.http.request({
			method: 'GET',
			url: `${this.baseUrl}/api/get_token`,
			qs: { appid: this.settings.appId, create_time: createTime, sign: sign(this.settings.appId, createTime, this.settings.appKey) },
		});
		const body = this.read(response.body);
		const item = issuedToken.safeParse(body.item);
		if (!item.success) throw new ServiceError('Sobot answered the token request without a token', { body });
		return { token: item.data.token, expiresInSeconds: item.data.expires_in };
	}

	private read(raw: unknown): Envelope {
		const parsed = envelope.safeParse(raw);
		if (!parsed.success) throw new ServiceError('Sobot answered in an unexpected shape (no ret_code)', { body: raw });
		if (parsed.data.ret_code !== SUCCESS) throw sobotError(parsed.data);
		return parsed.data;
	}

	/** Calls an open API endpoint with the shared token; an expired token is replaced once and the call repeated. */
	async call(method: HttpMethod, path: string, options: { qs?: Query; body?: unknown } = {}): Promise<Envelope> {
		for (let attempt = 0; ; attempt++) {
			const token = await this.tokens.get(this.tokenKey, () => this.issueToken());
			const response = await this.http.request({
				method,
				url: `${this.baseUrl}${path}`,
				qs: options.qs,
				body: options.body,
				headers: { token },
				// Sobot's lookups are POST-free; its POSTs create or change data.
				idempotent: method === 'GET',
			});
			const code = envelope.safeParse(response.body).data?.ret_code;
			// An expired token means nothing was done, so even a request with side effects may be repeated.
			if (code === TOKEN_EXPIRED && attempt === 0) {
				await this.tokens.invalidate(this.tokenKey, token);
				continue;
			}
			return this.read(response.body);
		}
	}

	/** Custom field names by field ID, fetched once per client (one execution). */
	customFieldNames(): Promise<Map<string, string>> {
		this.fieldNames ??= this.customFieldDefinitions().then(
			(definitions) =>
				new Map(
					definitions.flatMap((raw) => {
						const definition = customFieldDefinition.safeParse(raw);
						return definition.success && definition.data.field_name ? [[definition.data.fieldid, definition.data.field_name]] : [];
					}),
				),
		);
		return this.fieldNames;
	}

	async customFieldDefinitions(): Promise<unknown[]> {
		const body = await this.call('GET', '/api/crm/5/user/query_user_extend_fields');
		return body.items ?? (Array.isArray(body.item) ? body.item : []);
	}

	/** Fetches pages of `page_size` until `limit` items or the last page. */
	async collectPages(path: string, qs: Query, limit: number | undefined, pageSize: number): Promise<unknown[]> {
		const items: unknown[] = [];
		for (let page = 1; ; page++) {
			const body = await this.call('GET', path, { qs: { ...qs, page_no: page, page_size: pageSize } });
			const pageItems = body.items ?? [];
			items.push(...pageItems);
			const lastPage = body.page_count ?? (pageItems.length < pageSize ? page : page + 1);
			if ((limit !== undefined && items.length >= limit) || page >= lastPage || pageItems.length === 0) break;
		}
		return limit === undefined ? items : items.slice(0, limit);
	}
}
