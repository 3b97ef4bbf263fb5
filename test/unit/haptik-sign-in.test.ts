/**
 * The agent tool's (TRACT's) sign-in as Haptik's security page describes it: a body of client_id, fqdn
 * and an ISO 8601 UTC timestamp, signed (SHA-1, the certificate's RSA or ECDSA key, base64) over its
 * exact bytes, with the certificate named by UUID or chain URL; and the sandbox, which issues a token
 * only to such a request within 150 s (docs/sources.md#haptik-tract-signature, docs/sources.md#haptik-tract-timestamp).
 */
import { X509Certificate, generateKeyPairSync, verify } from 'node:crypto';

import { HaptikApi } from '../../credentials/HaptikApi.credentials';
import { ServiceError } from '../../nodes/shared/errors';
import { WITHOUT_TOKEN } from '../../nodes/shared/credentialData';
import { agentToolSignIn, agentToolToken, isoSeconds, lifetimeSeconds, pemOf, signedTokenRequest, tokenOf } from '../../nodes/Haptik/token';
import { credentialData } from '../../sandbox/accounts';
import { HAPTIK_ECT_CERTIFICATE, HAPTIK_ECT_PRIVATE_KEY } from '../../sandbox/haptik-keys';
import { startSandbox } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/main';

const credentials = (changes: Record<string, unknown> = {}) => ({ ...credentialData((service) => `https://api.example.test/${service}`).haptikApi, ...changes });
const certificate = new X509Certificate(HAPTIK_ECT_CERTIFICATE);

describe('the signed token request', () => {
	test('is the minified body Haptik’s sample sends, signed over its exact bytes, naming the self-signed certificate by UUID', () => {
		const signIn = agentToolSignIn(credentials())!;
		const request = signedTokenRequest(signIn, new Date('2019-05-13T12:34:56.789Z'));
		expect(request.url).toBe('https://api.example.test/haptik/tract/management/token/issue/');
		expect(request.body).toBe('{"client_id":"sandbox-client-0001","fqdn":"sandbox-ect.example.com","timestamp":"2019-05-13T12:34:56Z"}');
		expect(request.headers).toEqual({ 'Content-Type': 'application/json', Accept: 'application/json', Signature: expect.any(String), SignatureCertUUID: '5a0c6f7e-2b1d-4c3a-9e8f-7d6c5b4a3921' });
		expect(verify('sha1', Buffer.from(request.body), certificate.publicKey, Buffer.from(request.headers.Signature, 'base64'))).toBe(true);
		expect(verify('sha1', Buffer.from(request.body.replace('12:34:56', '12:34:57')), certificate.publicKey, Buffer.from(request.headers.Signature, 'base64'))).toBe(false);
	});

	test('signs with an ECDSA key too, and names a CA-signed certificate by its chain URL', () => {
		const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		const signIn = agentToolSignIn(
			credentials({ agentToolPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }), agentToolSigning: 'caSigned', agentToolCertChainUrl: 'https://sandbox-ect.example.com/ect.api/ect-api-cert.pem' }),
		)!;
		const request = signedTokenRequest(signIn, new Date());
		expect(request.headers.SignatureCertChainUrl).toBe('https://sandbox-ect.example.com/ect.api/ect-api-cert.pem');
		expect(request.headers.SignatureCertUUID).toBeUndefined();
		expect(verify('sha1', Buffer.from(request.body), publicKey, Buffer.from(request.headers.Signature, 'base64'))).toBe(true);
	});

	test('the timestamp: ISO 8601, UTC, whole seconds', () => {
		expect(isoSeconds(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)))).toBe('2026-01-02T03:04:05Z');
	});

	test('the client ID is the Account ID unless the credential names another', () => {
		expect(agentToolSignIn(credentials())!.clientId).toBe('sandbox-client-0001');
		expect(agentToolSignIn(credentials({ agentToolClientId: ' 86f7e437faa5a7fce15d1ddcb9eaeaea377667b8 ' }))!.clientId).toBe('86f7e437faa5a7fce15d1ddcb9eaeaea377667b8');
	});

	// The examples of Haptik's security page, valid and invalid, for the FQDN subdomain.ect.com.
	test.each([
		['https://subdomain.ect.com/ect.api/ect-api-cert.pem', true],
		['https://subdomain.ect.com:443/ect.api/ect-api-cert.pem', true],
		['https://subdomain.ect.com/ect.api/../ect.api/ect-api-cert.pem', true],
		['http://subdomain.ect.com/ect.api/ect-api-cert.pem', false],
		['https://notect.com/ect.api/ect-api-cert.pem', false],
		['https://subdomain.ect.com/EcT.aPi/ect-api-cert.pem', false],
		['https://subdomain.ect.com/invalid.path/ect-api-cert.pem', false],
		['https://subdomain.ect.com:563/ect.api/ect-api-cert.pem', false],
	])('chain URL %s: accepted %s', (url, accepted) => {
		const read = () => agentToolSignIn(credentials({ agentToolFqdn: 'subdomain.ect.com', agentToolSigning: 'caSigned', agentToolCertChainUrl: url }));
		if (accepted) expect(read()!.certificate).toEqual({ kind: 'chainUrl', url });
		else expect(read).toThrow(/Haptik would not fetch the certificate chain from this URL/);
	});

	test('the sign-in off reads as none; on but incomplete, the missing fields are named', () => {
		expect(agentToolSignIn(credentials({ agentToolSignIn: false }))).toBeUndefined();
		expect(() => agentToolSignIn(credentials({ agentToolFqdn: '', agentToolCertUuid: ' ' }))).toThrow('The Haptik credential’s agent tool sign-in lacks: FQDN, Certificate UUID');
	});

	test('a PEM pasted into one line, or with its line breaks written as \\n, reads as the key', () => {
		for (const pasted of [HAPTIK_ECT_PRIVATE_KEY.replace(/\n/g, ' '), HAPTIK_ECT_PRIVATE_KEY.replace(/\n/g, '\\n'), HAPTIK_ECT_PRIVATE_KEY.replace(/\n/g, '')]) {
			expect(pemOf(pasted)).toBe(pemOf(HAPTIK_ECT_PRIVATE_KEY));
			expect(agentToolSignIn(credentials({ agentToolPrivateKey: pasted }))).toBeDefined();
		}
	});
});

describe('the answer', () => {
	const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
	test.each([[{ token: 'a.b.c' }], [{ access_token: 'a.b.c' }], [{ jwt: 'a.b.c' }], [{ data: { token: 'a.b.c' } }], ['a.b.c']])('the token is read from %j', (answer) => {
		expect(tokenOf(answer)).toBe('a.b.c');
	});
	test('an answer without a token has none', () => {
		for (const answer of [{}, { error: 'no' }, '<html>', null, 42, { token: '' }]) expect(tokenOf(answer)).toBeUndefined();
	});
	test('the lifetime is the JWT’s own exp; an hour when it has none', () => {
		const now = Date.UTC(2026, 0, 1);
		expect(lifetimeSeconds(jwt({ exp: now / 1000 + 600 }), now)).toBe(600);
		expect(lifetimeSeconds('opaque-token', now)).toBe(3600);
	});
});

describe('preAuthentication', () => {
	const helpers = () => ({ httpRequest: jest.fn(async () => ({ statusCode: 200, body: '{"token":"x.y.z"}' })) });
	test('a Bot API request (marked by the transport) and a credential without the sign-in fetch no token', async () => {
		for (const data of [credentials({ [WITHOUT_TOKEN]: true }), credentials({ agentToolSignIn: false })]) {
			const http = helpers();
			expect(await agentToolToken(http as never, data)).toEqual({});
			expect(http.httpRequest).not.toHaveBeenCalled();
		}
	});
	test('a refused sign-in is told in Haptik’s words, with what to check, and not asked again by every item', async () => {
		const http = { httpRequest: jest.fn(async () => ({ statusCode: 400, body: '{"error":"the signature does not match the body"}' })) };
		const data = credentials({ apiBaseUrl: 'https://refusing.example.test' });
		const refusal = await agentToolToken(http as never, data).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(ServiceError);
		expect(refusal).toMatchObject({ message: 'Haptik refused the agent tool sign-in with HTTP 400: the signature does not match the body', description: expect.stringMatching(/private key, the certificate UUID .* clock/) });
		// No httpCode: where n8n wraps it (the Test button) it would replace the words with its text for 400.
		expect((refusal as ServiceError).httpCode).toBeUndefined();
		await expect(agentToolToken(http as never, data)).rejects.toThrow(/HTTP 400/);
		expect(http.httpRequest).toHaveBeenCalledTimes(1);
	});
	test('the body sent is the very string that was signed', async () => {
		const http = helpers();
		await agentToolToken(http as never, credentials({ apiBaseUrl: 'https://body.example.test' }));
		const [options] = http.httpRequest.mock.calls[0] as unknown as [{ body: string; headers: Record<string, string> }];
		expect(typeof options.body).toBe('string');
		expect(verify('sha1', Buffer.from(options.body), certificate.publicKey, Buffer.from(options.headers.Signature, 'base64'))).toBe(true);
	});
});

test('the credential signs agent tool requests with the TRACT token and every other Haptik request with the bot token', async () => {
	const credential = new HaptikApi();
	const data = credentials({ agentToolToken: 'jwt-1' });
	const sign = credential.authenticate as (c: object, r: object) => Promise<{ headers: Record<string, string> }>;
	expect((await sign(data, { url: 'https://staging.hellohaptik.com/tract/message/send/' })).headers).toEqual({ Authorization: 'Bearer jwt-1' });
	expect((await sign(data, { url: 'https://staging-messenger.haptikapi.com/v1.0/user/' })).headers).toEqual({ Authorization: 'Bearer sandbox-haptik-token-0001', 'client-id': 'sandbox-client-0001' });
});

describe('the sandbox’s sign-in', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(async () => await sandbox.close());
	const post = (request: { url: string; body: string; headers: Record<string, string> }) =>
		fetch(request.url, { method: 'POST', headers: request.headers, body: request.body }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }));
	const requestAt = (at: Date) => signedTokenRequest(agentToolSignIn(credentialData(sandbox.serviceUrl as (s: string) => string).haptikApi)!, at);

	test('issues a JWT to a signed, fresh request', async () => {
		const answer = await post(requestAt(new Date()));
		expect(answer).toEqual({ status: 200, body: { token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/) } });
	});
	test.each([
		['151 s old', -151_000],
		['151 s ahead', 151_000],
	])('refuses a request signed %s with 400', async (_, offset) => {
		expect(await post(requestAt(new Date(Date.now() + offset)))).toEqual({ status: 400, body: { error: 'the timestamp is outside the 150 s tolerance' } });
	});
	test('refuses a body changed after signing, and a request without a signature', async () => {
		const request = requestAt(new Date());
		expect((await post({ ...request, body: request.body.replace('"fqdn"', ' "fqdn"') })).status).toBe(400);
		const { Signature: _, ...unsigned } = request.headers;
		expect(await post({ ...request, headers: unsigned })).toEqual({ status: 400, body: { error: 'the signature does not match the body' } });
	});
});
