import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { headerAuthentication } from '../nodes/shared/authenticate';

export class HaptikApi implements ICredentialType {
	name = 'haptikApi';

	displayName = 'Haptik API';

	icon: Icon = { light: 'file:../nodes/Haptik/haptik.svg', dark: 'file:../nodes/Haptik/haptik.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center#haptik-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Messenger Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://staging-messenger.haptikapi.com',
			required: true,
			description: 'Host of Haptik’s Bot as an API (users, messages, files). Staging is shown; your Haptik SPOC gives the production host.',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: 'https://staging.hellohaptik.com',
			required: true,
			description: 'Host of Haptik’s integration APIs (move a chat to an agent team, transcripts) and of the external agent tool APIs',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'CLIENT_AUTH_TOKEN of the bot’s partner: Admin Tools → Partner List → your partner',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Account ID, sent as the client-id header: Conversation Studio → your bot → View Credentials',
		},
		{
			displayName: 'Business ID',
			name: 'businessId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The channel (business) your users chat in, from the same View Credentials pop-up; operations may name another',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The secret shared with Haptik for the X-Hub-Signature of its webhooks; the Haptik Trigger refuses requests not signed with it',
		},
	];

	authenticate = headerAuthentication((credentials) => ({ Authorization: `Bearer ${String(credentials.token)}`, 'client-id': credentials.clientId }));

	// Haptik has no read-only messenger endpoint. A user upsert without auth_id creates nothing:
	// Haptik checks the token and client-id first (401 "invalid authorization details", documented),
	// then answers the missing field with its own error_message (not documented: a guess). Only an
	// error_message other than the 401's proves the token; any answer without one fails the test.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1.0/user/',
			method: 'POST',
			headers: { accept: 'application/json' },
			body: {},
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'error_message', value: 'invalid authorization details', message: 'Haptik refused the token or client ID' } },
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error_message',
					value: undefined,
					message: 'This is not Haptik’s messenger API answering: check the Messenger Base URL (Haptik did not confirm the token)',
				},
			},
		],
	};
}
