import nock from 'nock';

import { ServiceError } from '../../nodes/shared/errors';
import { createTransport } from '../../nodes/shared/http';
import { TelSpielClient, mapTelSpielError } from '../../nodes/TelSpiel/client';
import { contextOverN8nHttp } from '../harness/n8n-http';

const BASE = 'https://app.habitic.test';
const KEY = 'tsk_live_client_test_key_0001';

const client = (timeoutMs = 2000) =>
	new TelSpielClient(
		createTransport(contextOverN8nHttp({ 'api-key': KEY }), {
			credentialType: 'telSpielApi',
			timeoutMs,
			retryUnsafe: false,
			mapError: mapTelSpielError,
		}),
		{ baseUrl: `${BASE}/`, username: 'acme' },
	);

const call = { agentPhone: '9999999999', customerPhone: '8888888888' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
// nock patches Node's http for the whole jest worker: restored, so the next test file in it talks to real sockets.
afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

test('200: the job is accepted', async () => {
	const scope = nock(BASE, { reqheaders: { 'api-key': KEY } })
		.post('/api/click-to-call', { username: 'acme', agent_phone: '9999999999', customer_phone: '8888888888', campaign_name: 'VIP' })
		.reply(200, { code: 200, status: 'success', message: 'Data successfully submitted for call.' });

	await expect(client().clickToCall({ ...call, campaignName: 'VIP' })).resolves.toEqual({
		code: 200,
		status: 'success',
		message: 'Data successfully submitted for call.',
	});
	expect(scope.isDone()).toBe(true);
});

test('403: wrong username or key', async () => {
	nock(BASE).post('/api/click-to-call').reply(403, { code: 403, status: 'forbidden', message: 'Username or api key is invalid' });

	await expect(client().clickToCall(call)).rejects.toMatchObject({
		message: 'Username or API key is invalid',
		httpCode: 403,
		code: 'forbidden',
	});
});

test('422: the JSON-in-a-string errors become field errors', async () => {
	nock(BASE)
		.post('/api/click-to-call')
		.reply(422, { code: 422, status: 'invalid', message: 'Invalid data', errors: '{ "customer_phone": ["Customer phone is required"] }' });

	const error = (await client().clickToCall(call).catch((e: unknown) => e)) as ServiceError;
	expect(error).toBeInstanceOf(ServiceError);
	expect(error.fields).toEqual([{ field: 'customer_phone', message: 'Customer phone is required' }]);
});

test('200 whose body carries an error code is an error', async () => {
	nock(BASE).post('/api/click-to-call').reply(200, { code: 500, status: 'error', message: 'Campaign not found' });

	await expect(client().clickToCall(call)).rejects.toMatchObject({ message: 'telSpiel answered: Campaign not found' });
});

test('garbage: a body that is not JSON', async () => {
	nock(BASE).post('/api/click-to-call').reply(200, 'Data successfully submitted');

	await expect(client().clickToCall(call)).rejects.toMatchObject({
		message: 'The service answered with HTTP 200 but the body is not JSON',
	});
});

test('timeout: reported, and the call is not sent again', async () => {
	const scope = nock(BASE).post('/api/click-to-call').delay(400).reply(200, {});
	const again = nock(BASE).post('/api/click-to-call').reply(200, {});

	await expect(client(100).clickToCall(call)).rejects.toMatchObject({
		message: expect.stringMatching(/^The service did not answer within [\d.]+ s$/),
		description: expect.stringMatching(/may have reached the service/),
	});
	expect(scope.isDone()).toBe(true);
	expect(again.isDone()).toBe(false);
});
