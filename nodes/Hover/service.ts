import { defineService } from '../shared/service';
import { hoverApiRoot } from './apiRoot';
import { HoverClient, mapHoverError } from './client';

export const hoverService = defineService<HoverClient>({
	name: 'Hover',
	credentialType: 'hoverApi',
	secretFields: ['password', 'jwtToken', 'sessionToken'],
	createClient: (http, credentials) =>
		new HoverClient(http, {
			baseUrl: hoverApiRoot(String(credentials.baseUrl || 'https://www.usehover.com/api')),
			organizationId: credentials.organizationId ? String(credentials.organizationId) : undefined,
		}),
	mapError: mapHoverError,
	// An expired JWT: n8n signs in again (the credential's preAuthentication) and repeats the request once.
	authRefreshStatuses: [401],
	authSteps: [
		'`POST /authenticate` with `{ "email": "<email>", "password": "<password>" }` answers `{ "auth_token": "<JWT>" }`; the JWT lasts two hours.',
		'Every request carries the header `Authorization: <JWT>` (no `Bearer` prefix), and the query parameter `organization_id=<id>` when the credential names an organization.',
		'n8n keeps the JWT with the credential and signs in again when Hover answers 401, then repeats the request once. A credential may instead hold a JWT copied from Hover.',
		'A refused sign-in (wrong email or password) is tried once per run: it is reported, not repeated.',
	],
	// Hover does not document its error answers; these are what its Rails API most plausibly sends.
	documentedErrors: [
		{ status: 401, body: { error: 'Not Authorized' }, when: 'The JWT is missing or expired, or the email or password is wrong' },
		{ status: 404, body: { error: 'Not Found' }, when: 'No action, parser or app has that ID in the organization' },
		{ status: 422, body: { errors: { action_id: ['must exist'] } }, when: 'A field is invalid; `errors` names each field' },
	],
});
