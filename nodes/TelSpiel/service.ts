import { defineService } from '../shared/service';
import { TelSpielClient, mapTelSpielError } from './client';

export const telSpielService = defineService<TelSpielClient>({
	name: 'telSpiel',
	credentialType: 'telSpielApi',
	secretFields: ['apiKey'],
	createClient: (http, credentials) =>
		new TelSpielClient(http, {
			baseUrl: String(credentials.baseUrl),
			username: String(credentials.username),
		}),
	mapError: mapTelSpielError,
	authSteps: [
		'Every request carries the header `api-key: <API key>`; the body carries the telSpiel `username`.',
		'There is no token and no sign-in: the key is checked on each request.',
	],
	documentedErrors: [
		{ status: 403, code: 'forbidden', body: { code: 403, status: 'forbidden', message: 'Username or api key is invalid' }, when: 'The username or API key is wrong, or the user or its licence is not active' },
		{
			status: 422,
			code: 'invalid',
			body: { code: 422, status: 'invalid', message: 'Invalid data', errors: '{"customer_phone":["Customer phone is required"]}' },
			when: 'A field is missing or invalid; `errors` is a JSON string naming the fields',
		},
	],
});
