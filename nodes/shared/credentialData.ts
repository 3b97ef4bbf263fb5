import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * What the transport (nodes/shared/http.ts) writes into the credential data that n8n hands to a
 * credential's preAuthentication, and the token code (nodes/Sobot/token.ts, nodes/Haptik/token.ts)
 * reads back: n8n passes nothing else from a request to preAuthentication.
 */

/** Set when the request does not carry the credential's expirable token (HttpRequest.withoutToken): preAuthentication then fetches none. */
export const WITHOUT_TOKEN = 'withoutToken';

/** The node's own timeout (Request Options) for the token request, in milliseconds. */
export const TOKEN_REQUEST_TIMEOUT_MS = 'tokenRequestTimeoutMs';

/** A token request's timeout when no node gave one (the Test button, another caller). */
const DEFAULT_TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/** The field naming the token the service refused, so that preAuthentication fetches a new one: `expired_<field>`. */
export const expiredField = (field: string) => `expired_${field}`;

export function tokenRequestTimeoutMs(credentials: ICredentialDataDecryptedObject): number {
	return Number(credentials[TOKEN_REQUEST_TIMEOUT_MS]) || DEFAULT_TOKEN_REQUEST_TIMEOUT_MS;
}

/** The tokens no longer to hand out: the one named as expired, and the one the credential holds when it is renewed. */
export function staleTokens(credentials: ICredentialDataDecryptedObject, field: string): string[] {
	return [credentials[expiredField(field)], credentials[field]].filter((token): token is string => typeof token === 'string' && token !== '');
}
