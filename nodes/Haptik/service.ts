import { defineService } from '../shared/service';
import { HaptikClient, mapHaptikError } from './client';

export const haptikService = defineService<HaptikClient>({
	name: 'Haptik',
	credentialType: 'haptikApi',
	secretFields: ['token', 'webhookSecret'],
	createClient: (http, credentials) =>
		new HaptikClient(http, {
			messengerUrl: String(credentials.baseUrl),
			apiUrl: String(credentials.apiBaseUrl),
			businessId: Number(credentials.businessId),
		}),
	mapError: mapHaptikError,
	authSteps: [
		'An admin copies the bot partner’s `CLIENT_AUTH_TOKEN` (Admin Tools → Partner List → the partner) and the Account ID and base URL (Conversation Studio → the bot → View Credentials).',
		'Every request carries `Authorization: Bearer <token>` and `client-id: <Account ID>`; there is no sign-in and no token expiry documented.',
		'Webhooks from Haptik carry `X-Hub-Signature: sha1=<HMAC-SHA1 of the raw body with the shared secret>`; the Haptik Trigger checks it.',
	],
	documentedErrors: [
		{ status: 401, body: { error_message: 'invalid authorization details' }, when: 'The token or client ID is missing or wrong' },
		{ status: 403, body: { error_message: 'user is not registered' }, when: 'A message or file for an auth ID that was never created (User → Create or Update)' },
	],
});
