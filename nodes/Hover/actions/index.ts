import { defineService } from '../../shared/operation';
import { HoverClient, mapHoverError } from '../client';
import { create as createAction } from './action/create';
import { archive as archiveAction, get as getAction, restore as restoreAction } from './action/get';
import { list as listActions } from './action/list';
import { listParsers } from './action/listParsers';
import { update as updateAction } from './action/update';
import * as appOperations from './app/operations';
import * as parserOperations from './parser/operations';

export const hoverService = defineService<HoverClient>({
	credentialType: 'hoverApi',
	secretFields: ['password', 'jwtToken', 'sessionToken'],
	createClient: (http, credentials) =>
		new HoverClient(http, {
			baseUrl: String(credentials.baseUrl || 'https://www.usehover.com/api'),
			organizationId: credentials.organizationId ? String(credentials.organizationId) : undefined,
		}),
	mapError: mapHoverError,
	// An expired JWT: n8n signs in again (the credential's preAuthentication) and repeats the request once.
	authRefreshStatuses: [401],
	resources: [
		{ value: 'action', name: 'Action', description: 'USSD and SIM menu paths your app runs' },
		{ value: 'parser', name: 'Parser', description: 'Regexes that read the replies of an action' },
		{ value: 'app', name: 'App', description: 'Android apps that run actions and receive their transactions' },
	],
	operations: [
		listActions,
		getAction,
		createAction,
		updateAction,
		archiveAction,
		restoreAction,
		listParsers,
		parserOperations.create,
		parserOperations.get,
		parserOperations.update,
		parserOperations.archive,
		parserOperations.restore,
		appOperations.create,
		appOperations.get,
		appOperations.update,
		appOperations.archive,
		appOperations.restore,
	],
	authSteps: [
		'`POST /authenticate` with `{ "email": "<email>", "password": "<password>" }` answers `{ "auth_token": "<JWT>" }`; the JWT lasts two hours.',
		'Every request carries the header `Authorization: <JWT>` (no `Bearer` prefix), and `Organization-Id` when the credential names an organization.',
		'n8n keeps the JWT with the credential and signs in again when Hover answers 401, then repeats the request once. A credential may instead hold a JWT copied from Hover.',
	],
	// Hover does not document its error answers; these are what its Rails API most plausibly sends.
	documentedErrors: [
		{ status: 401, body: { error: 'Not Authorized' }, when: 'The JWT is missing or expired, or the email or password is wrong' },
		{ status: 404, body: { error: 'Not Found' }, when: 'No action, parser or app has that ID in the organization' },
		{ status: 422, body: { errors: { action_id: ['must exist'] } }, when: 'A field is invalid; `errors` names each field' },
	],
});
