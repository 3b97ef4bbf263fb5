import { defineService } from '../shared/service';
import { HaptikClient, mapHaptikError } from './client';
import { AGENT_TOOL_TOKEN } from './token';

export const haptikService = defineService<HaptikClient>({
	name: 'Haptik',
	credentialType: 'haptikApi',
	secretFields: ['token', 'webhookSecret', 'agentToolPrivateKey', AGENT_TOOL_TOKEN],
	expirableField: AGENT_TOOL_TOKEN,
	createClient: (http, credentials) =>
		new HaptikClient(http, {
			messengerUrl: String(credentials.baseUrl),
			apiUrl: String(credentials.apiBaseUrl),
			businessId: Number(credentials.businessId),
			agentTool: credentials.agentToolSignIn === true,
		}),
	mapError: mapHaptikError,
	authSteps: [
		'Bot API and integration APIs: an admin copies the bot partner’s `CLIENT_AUTH_TOKEN` (Admin Tools → Partner List → the partner) and the Account ID and base URL (Conversation Studio → the bot → View Credentials). Every request carries `Authorization: Bearer <token>` and `client-id: <Account ID>`; no sign-in, no expiry documented.',
		'Agent tool APIs (TRACT), when the credential’s Agent Tool Sign-In is on: the contact center shares a certificate (self-signed: Haptik returns its UUID; CA-signed: Haptik fetches the chain from `https://<FQDN>/ect.api/…`) and its FQDN with Haptik beforehand.',
		'Sign-in: `POST <API base URL>/tract/management/token/issue/` with the body `{"client_id":"<client ID>","fqdn":"<FQDN>","timestamp":"<UTC, ISO 8601, e.g. 2019-05-13T12:34:56Z>"}`, the header `Signature: <base64 of the RSA/ECDSA SHA-1 signature of those exact bytes>` and `SignatureCertUUID: <UUID>` (or `SignatureCertChainUrl: <URL>`). Haptik answers 400 when the signature or the timestamp (±150 s) fails, and issues a JWT otherwise.',
		'The agent tool APIs carry `Authorization: Bearer <JWT>` (Haptik does not name the header: the likeliest choice). n8n keeps the JWT in the credential, shared by every execution and queue-mode worker; when the agent tool refuses it (401 or 403) the node fetches a new one once and repeats the request once. Bot API requests never sign in. The credential’s Test button signs in (when the sign-in is on), then tries the bot token.',
		'The Bot API webhook carries `X-Hub-Signature: sha1=<HMAC-SHA1 of the raw body with the shared secret>`; the agent tool hooks carry no signature, so the Haptik Trigger registers them with a secret in their URL (or checks X-Hub-Signature, if Haptik signs them for you).',
	],
	documentedErrors: [
		{ status: 401, body: { error_message: 'invalid authorization details' }, when: 'The token or client ID is missing or wrong (Bot API); for the agent tool APIs, its token refused twice' },
		{ status: 403, body: { error_message: 'user is not registered' }, when: 'A message or file for an auth ID that was never created (User → Create or Update)' },
		{ status: 403, body: { error_message: 'Invalid_User' }, when: 'Feedback for an auth ID that was never created' },
		{ status: 404, body: { error_message: 'Failed to submit feedback, please make sure there is an active conversation with the agent' }, when: 'Feedback for a user who has not had a conversation' },
	],
});
