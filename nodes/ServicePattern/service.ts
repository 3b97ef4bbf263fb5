import { defineService } from '../shared/service';
import { ERROR_CODES, ServicePatternClient, mapServicePatternError } from './client';

export const servicePatternService = defineService<ServicePatternClient>({
	name: 'ServicePattern',
	credentialType: 'servicePatternApi',
	secretFields: ['appId'],
	createClient: (http, credentials) =>
		new ServicePatternClient(http, {
			baseUrl: String(credentials.baseUrl),
			tenantUrl: String(credentials.tenantUrl),
			appId: String(credentials.appId),
			version: credentials.apiVersion === 'v2' ? 'v2' : 'v1',
		}),
	clientSignsRequests: true,
	mapError: mapServicePatternError,
	authSteps: [
		'Every request carries `Authorization: MOBILE-API-140-327-PLAIN appId="<app id>", clientId="<client id>"` and the query parameter `tenantUrl=<tenant URL>`.',
		'The app ID is the unique identifier of the Messaging/Chat scenario entry. The client ID is one per customer: the node derives it from the Conversation Key (a UUID v5), or takes the one given.',
		'There is no token and no sign-in.',
	],
	documentedErrors: [
		...Object.entries(ERROR_CODES).map(([code, message]) => ({
			// The docs give no status per code: the auth codes come with 401/403, the others with 400 or 5xx (inferred).
			status: code.startsWith('2') || code === '3000' ? 401 : code === '5001' ? 503 : code === '5000' ? 504 : 400,
			code,
			body: { error_code: code, error_message: message },
			when: message,
		})),
		{ status: 404, body: { error_code: '404', error_message: 'No active chat' }, when: 'The chat has ended, or the chat or file belongs to another client ID' },
		{ status: 400, body: { error_message: 'Poll already in progress' }, when: 'Get New Chat Events while another poll of the same chat is held' },
		// sources.md#servicepattern-case-history, sources.md#servicepattern-close-case.
		{ status: 406, body: { error_message: 'Not acceptable: the scenario did not specify a case' }, when: 'Get Case History or Close Case (v2) before the scenario set a case' },
		{ status: 500, body: { error_message: 'Server error' }, when: 'Close Case (v2): the case is set but the CRM refused to close it' },
	],
});
