import { TokenCache } from '../../nodes/shared/tokens';

const issuer = (expiresInSeconds = 86400) => {
	let issued = 0;
	const issue = jest.fn(async () => ({ token: `t${++issued}`, expiresInSeconds }));
	return issue;
};

test('concurrent callers share one fetch, later callers reuse the token', async () => {
	const cache = new TokenCache();
	const issue = issuer();
	const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', issue)));
	expect(new Set(tokens)).toEqual(new Set(['t1']));
	expect(await cache.get('k', issue)).toBe('t1');
	expect(issue).toHaveBeenCalledTimes(1);
});

test('a token is replaced shortly before it expires, not after', async () => {
	let now = 0;
	const cache = new TokenCache(() => now);
	const issue = issuer(3600);
	expect(await cache.get('k', issue)).toBe('t1');
	now = 54 * 60_000;
	expect(await cache.get('k', issue)).toBe('t1');
	now = 56 * 60_000;
	expect(await cache.get('k', issue)).toBe('t2');
});

test('invalidate drops only the token that was refused, not a newer one', async () => {
	const cache = new TokenCache();
	const issue = issuer();
	await cache.get('k', issue);
	await cache.invalidate('k', 't1');
	expect(await cache.get('k', issue)).toBe('t2');
	await cache.invalidate('k', 't1');
	expect(await cache.get('k', issue)).toBe('t2');
	expect(issue).toHaveBeenCalledTimes(2);
});

test('a failed fetch is not cached', async () => {
	const cache = new TokenCache();
	const failing = jest.fn(async () => {
		throw new Error('down');
	});
	await expect(cache.get('k', failing)).rejects.toThrow('down');
	expect(await cache.get('k', issuer())).toBe('t1');
});

test('keys differ per credential and do not contain the secret', () => {
	const key = TokenCache.key('https://sg.sobot.io', 'app', 'secret-app-key');
	expect(key).not.toContain('secret-app-key');
	expect(key).not.toBe(TokenCache.key('https://sg.sobot.io', 'app', 'other-key'));
});
