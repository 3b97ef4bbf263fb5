import { AxiosError } from 'axios';
import { NodeApiError } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import nock from 'nock';

import { HttpError, createTransport } from '../../nodes/shared/http';
import type { TransportOptions } from '../../nodes/shared/http';
import { contextOverN8nHttp } from '../harness/n8n-http';

const BASE = 'http://service.test';
const node: INode = { id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

const transport = (options: Partial<TransportOptions> = {}) =>
	createTransport(contextOverN8nHttp(), {
		credentialType: 'testApi',
		timeoutMs: 2000,
		retryUnsafe: true,
		retry: { baseDelayMs: 1, maxDelayMs: 5 },
		...options,
	});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// nock patches Node's http for the whole jest worker: restored, so the next test file in it talks to real sockets.
afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

describe('retry policy', () => {
	test('an idempotent request is retried on 500 and 429 (with Retry-After), then succeeds', async () => {
		const scope = nock(BASE)
			.get('/things')
			.reply(500, { message: 'boom' })
			.get('/things')
			.reply(429, {}, { 'Retry-After': '0' })
			.get('/things')
			.reply(200, { ok: true });

		const response = await transport().request({ method: 'GET', url: `${BASE}/things` });

		expect(response).toMatchObject({ status: 200, body: { ok: true } });
		expect(scope.isDone()).toBe(true);
	});

	test('retries are bounded', async () => {
		const scope = nock(BASE).get('/things').times(3).reply(503, {});
		const extra = nock(BASE).get('/things').reply(200, {});

		await expect(transport().request({ method: 'GET', url: `${BASE}/things` })).rejects.toMatchObject({
			kind: 'status',
			httpCode: 503,
		});
		expect(scope.isDone()).toBe(true);
		expect(extra.isDone()).toBe(false);
	});

	test('a 4xx other than 429 is not retried', async () => {
		const scope = nock(BASE).get('/things').reply(404, { message: 'no such thing' });
		const extra = nock(BASE).get('/things').reply(200, {});

		await expect(transport().request({ method: 'GET', url: `${BASE}/things` })).rejects.toMatchObject({
			message: 'The service answered with HTTP 404: no such thing',
		});
		expect(scope.isDone()).toBe(true);
		expect(extra.isDone()).toBe(false);
	});

	test('a POST is sent once even when it fails with 500, 429 or a reset connection', async () => {
		for (const reply of [
			(s: nock.Interceptor) => s.reply(500, {}),
			(s: nock.Interceptor) => s.reply(429, {}, { 'Retry-After': '0' }),
			(s: nock.Interceptor) => s.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
		]) {
			const scope = reply(nock(BASE).post('/calls'));
			const extra = nock(BASE).post('/calls').reply(200, {});
			await expect(transport().request({ method: 'POST', url: `${BASE}/calls`, body: {} })).rejects.toBeInstanceOf(Error);
			expect(scope.isDone()).toBe(true);
			expect(extra.isDone()).toBe(false);
			nock.cleanAll();
		}
	});

	test('an operation with side effects never repeats a write once sent, not even an idempotent-looking PUT', async () => {
		const scope = nock(BASE).put('/things/1').reply(500, {});
		const extra = nock(BASE).put('/things/1').reply(200, {});

		await expect(transport({ retryUnsafe: false }).request({ method: 'PUT', url: `${BASE}/things/1`, body: {} })).rejects.toBeInstanceOf(HttpError);
		expect(scope.isDone()).toBe(true);
		expect(extra.isDone()).toBe(false);
	});

	test('an operation with side effects repeats its reads (a lookup before the write)', async () => {
		nock(BASE).get('/things').reply(500, {});
		nock(BASE).get('/things').reply(200, { ok: true });

		const response = await transport({ retryUnsafe: false }).request({ method: 'GET', url: `${BASE}/things` });
		expect(response.body).toEqual({ ok: true });
	});

	test('a request that never left (connection refused) is sent again, even with side effects', async () => {
		// What n8n's httpRequestWithAuthentication throws when the connection is refused.
		const refused = new NodeApiError(node, Object.assign(new AxiosError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED')));
		const send = jest
			.fn()
			.mockRejectedValueOnce(refused)
			.mockResolvedValueOnce({ statusCode: 200, headers: {}, body: '{"ok":true}' });
		const context = { getCredentials: async () => ({}), helpers: { httpRequestWithAuthentication: send } } as unknown as IExecuteFunctions;
		const http = createTransport(context, { credentialType: 'testApi', timeoutMs: 1000, retryUnsafe: false, retry: { baseDelayMs: 1 } });

		const response = await http.request({ method: 'POST', url: `${BASE}/calls`, body: {} });

		expect(response.body).toEqual({ ok: true });
		expect(send).toHaveBeenCalledTimes(2);
	});

	test('a Retry-After longer than the limit is reported instead of waited for', async () => {
		const scope = nock(BASE).get('/things').reply(429, {}, { 'Retry-After': '3600' });

		await expect(transport().request({ method: 'GET', url: `${BASE}/things` })).rejects.toMatchObject({ httpCode: 429 });
		expect(scope.isDone()).toBe(true);
	});
});

describe('answers', () => {
	test('an empty body reads as null, a 204 needs no body', async () => {
		nock(BASE).get('/empty').reply(200, '').get('/none').reply(204);
		expect((await transport().request({ method: 'GET', url: `${BASE}/empty` })).body).toBeNull();
		expect((await transport().request({ method: 'GET', url: `${BASE}/none` })).status).toBe(204);
	});

	test('an HTML error page keeps the status and shows the start of the page', async () => {
		nock(BASE).get('/x').reply(502, '<html><body>Bad gateway</body></html>');
		const error = (await transport({ retry: { maxRetries: 0 } })
			.request({ method: 'GET', url: `${BASE}/x` })
			.catch((e: unknown) => e)) as HttpError;
		expect(error.httpCode).toBe(502);
		expect(error.body).toBe('<html><body>Bad gateway</body></html>');
	});

	test('a timeout is reported as such', async () => {
		nock(BASE).get('/slow').delay(500).reply(200, {});
		await expect(
			transport({ timeoutMs: 100, retry: { maxRetries: 0 } }).request({ method: 'GET', url: `${BASE}/slow` }),
		).rejects.toMatchObject({ kind: 'timeout', message: 'The service did not answer within 0.1 s' });
	});

	test('a read that timed out every time says how long it waited and how often it tried', async () => {
		nock(BASE).get('/frozen').times(3).delay(500).reply(200, {});
		await expect(
			transport({ timeoutMs: 100, retry: { maxRetries: 2, baseDelayMs: 1 } }).request({ method: 'GET', url: `${BASE}/frozen` }),
		).rejects.toMatchObject({ kind: 'timeout', message: 'The service did not answer within 0.1 s; tried 3 times' });
	});
});

describe('a token the service refuses inside a success answer (isTokenRefused)', () => {
	/**
	 * A context whose stored credential can change between reads (another n8n process renewing), and
	 * whose sign-in fills an emptied token as n8n's preAuthentication does; every sent token is recorded.
	 */
	function tokenContext(stored: string[], refused: Set<string>) {
		const sent: string[] = [];
		const renewals: unknown[] = [];
		let reads = 0;
		const send = jest.fn(async (_type: string, _options: unknown, extra: { credentialsDecrypted: { data: Record<string, unknown> } }) => {
			const data = extra.credentialsDecrypted.data;
			if (data.accessToken === '') {
				renewals.push(data.expired_accessToken);
				data.accessToken = `new-${renewals.length}`;
			}
			const token = String(data.accessToken);
			sent.push(token);
			return { statusCode: 200, headers: {}, body: JSON.stringify({ refused: refused.has(token) }) };
		});
		const context = {
			getCredentials: async () => ({ accessToken: stored[Math.min(reads++, stored.length - 1)] }),
			helpers: { httpRequestWithAuthentication: send },
		} as unknown as IExecuteFunctions;
		const http = createTransport(context, {
			credentialType: 'testApi',
			expirableField: 'accessToken',
			timeoutMs: 1000,
			retryUnsafe: false,
			isTokenRefused: (response) => (response.body as { refused?: boolean }).refused === true,
		});
		return { http, sent, renewals };
	}

	test('when another process stored a newer token meanwhile, the request is repeated with it, and nothing is renewed', async () => {
		const { http, sent, renewals } = tokenContext(['old', 'newer'], new Set(['old']));

		const response = await http.request({ method: 'POST', url: `${BASE}/x`, body: {} });

		expect(response.body).toEqual({ refused: false });
		expect(sent).toEqual(['old', 'newer']);
		expect(renewals).toEqual([]);
	});

	test('when the stored token is the refused one, it is not sent again: one renewal, naming the refused token', async () => {
		const { http, sent, renewals } = tokenContext(['old'], new Set(['old']));

		await http.request({ method: 'GET', url: `${BASE}/x` });
		await http.request({ method: 'GET', url: `${BASE}/y` });

		expect(sent).toEqual(['old', 'new-1', 'new-1']);
		expect(renewals).toEqual(['old']);
	});

	test('a renewed token refused too ends in the refusal, once per run: later requests send nothing', async () => {
		const { http, sent, renewals } = tokenContext(['old'], new Set(['old', 'new-1']));

		const first = await http.request({ method: 'GET', url: `${BASE}/x` });
		const second = await http.request({ method: 'GET', url: `${BASE}/y` });

		expect([first.body, second.body]).toEqual([{ refused: true }, { refused: true }]);
		expect(sent).toEqual(['old', 'new-1']);
		expect(renewals).toEqual(['old']);
	});
});
