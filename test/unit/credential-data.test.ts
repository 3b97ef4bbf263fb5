/**
 * The contract between the transport and the token code (nodes/shared/credentialData.ts): the field
 * the transport names a refused token in is the one preAuthentication reads back, and so is the timeout.
 */
import { TOKEN_REQUEST_TIMEOUT_MS, expiredField, staleTokens, tokenRequestTimeoutMs } from '../../nodes/shared/credentialData';

test('a renewal names the refused token in expired_<field>; both it and the held one are stale', () => {
	expect(expiredField('accessToken')).toBe('expired_accessToken');
	expect(staleTokens({ accessToken: '', [expiredField('accessToken')]: 'tok-1' }, 'accessToken')).toEqual(['tok-1']);
	expect(staleTokens({ accessToken: 'tok-2', [expiredField('accessToken')]: 'tok-1' }, 'accessToken')).toEqual(['tok-1', 'tok-2']);
	expect(staleTokens({ accessToken: 'tok-2' }, 'agentToolToken')).toEqual([]);
});

test("the token request takes the node's timeout, 30 s without one", () => {
	expect(tokenRequestTimeoutMs({ [TOKEN_REQUEST_TIMEOUT_MS]: 5000 })).toBe(5000);
	expect(tokenRequestTimeoutMs({})).toBe(30_000);
});
