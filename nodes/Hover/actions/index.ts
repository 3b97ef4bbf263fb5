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
});
