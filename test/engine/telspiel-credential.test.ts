import { testCredential } from '../harness/credentials';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';

const GOOD_KEY = 'tsk_live_good_0c1d2e3f4a5b6c7d8e9f';

let server: TestServer;

// Behaves as the guide documents: the key and username are checked first (403), then the body (422).
beforeAll(async () => {
	server = await startServer((request) => {
		if (request.headers['api-key'] !== GOOD_KEY || (request.json() as { username?: string }).username !== 'acme') {
			return { status: 403, body: { code: 403, status: 'forbidden', message: 'Username or api key is invalid' } };
		}
		return {
			status: 422,
			body: { code: 422, status: 'invalid', message: 'Invalid data', errors: '{ "agent_phone": ["Agent phone is required"] }' },
		};
	});
});
afterAll(async () => await server.close());
beforeEach(() => (server.requests.length = 0));

test('the credential Test button accepts a right username and key without ringing anyone', async () => {
	const result = await testCredential('telSpielApi', { baseUrl: `${server.url}/`, username: 'acme', apiKey: GOOD_KEY });

	expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(server.requests).toHaveLength(1);
	expect(server.requests[0].path).toBe('/api/click-to-call');
	expect(server.requests[0].json()).toEqual({ username: 'acme' });
});

test.each([
	['another service answering 200 with JSON', { status: 200, body: { ok: true } }],
	['a web page (404)', { status: 404, body: '<html><body>Not Found</body></html>' }],
	['a proxy’s 502 page', { status: 502, body: '<html><head><title>502 Bad Gateway</title></head></html>' }],
])('the credential Test button fails when %s answers instead of telSpiel', async (_, answer) => {
	const other = await startServer(() => answer);
	try {
		const result = await testCredential('telSpielApi', { baseUrl: other.url, username: 'acme', apiKey: GOOD_KEY });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/not telSpiel’s Click To Call API|HTTP status code/);
	} finally {
		await other.close();
	}
});

test.each([
	['a wrong key', { username: 'acme', apiKey: 'tsk_live_wrong' }],
	['a wrong username', { username: 'someone-else', apiKey: GOOD_KEY }],
])('the credential Test button rejects %s', async (_, credentials) => {
	const result = await testCredential('telSpielApi', { baseUrl: server.url, ...credentials });

	expect(result).toEqual({ status: 'Error', message: 'Username or API key is invalid' });
});
