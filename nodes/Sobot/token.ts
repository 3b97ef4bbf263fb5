import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { staleTokens, tokenRequestTimeoutMs } from '../shared/credentialData';
import { ServiceError } from '../shared/errors';
import { TokenCache } from '../shared/tokens';
import { SUCCESS, sign, sobotError } from './client';
import { sobotBaseUrl } from './region';
import { envelope, issuedToken } from './schemas';

/**
 * The token of each credential, in this process: n8n keeps the token itself in the credential (its
 * expirable field), in its database, for every process; this only makes the items of one process
 * that find it missing or expired at the same moment share one token request.
 */
const tokens = new TokenCache();

/** Refusals that concern the credential itself: told once, not asked again by every item. */
const REFUSALS = new Set(['900003', '900004', '700046']);

/**
 * The credential's preAuthentication: a token for its app ID, new when the one it holds (or names
 * as expired: `expired_accessToken`, from the node's renewal) is no longer good.
 */
export async function sobotAccessToken(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject): Promise<string> {
	const baseUrl = sobotBaseUrl(credentials).replace(/\/+$/, '');
	const appId = String(credentials.appId);
	const appKey = String(credentials.appSecret);
	const key = TokenCache.key(baseUrl, appId, appKey);
	for (const stale of staleTokens(credentials, 'accessToken')) await tokens.invalidate(key, stale);
	const issue = async () => {
		const createTime = Math.floor(Date.now() / 1000);
		const answer = await helpers.httpRequest({
			method: 'GET',
			url: `${baseUrl}/api/get_token`,
			qs: { appid: appId, create_time: createTime, sign: sign(appId, createTime, appKey) },
			headers: { Accept: 'application/json' },
			json: true,
			// The node's own timeout (Request Options), handed over by the transport; 30 s from elsewhere.
			timeout: tokenRequestTimeoutMs(credentials),
		});
		const body = envelope.safeParse(answer);
		if (!body.success) throw new ServiceError('Sobot answered the token request in an unexpected shape (no ret_code)', { body: answer });
		if (body.data.ret_code !== SUCCESS) throw sobotError(body.data);
		const item = issuedToken.safeParse(body.data.item);
		if (!item.success) throw new ServiceError('Sobot answered the token request without a token', { body: answer });
		return item.data;
	};
	return await tokens.get(key, issue, { isRefusal: (error) => error instanceof ServiceError && REFUSALS.has(String(error.code)) });
}
