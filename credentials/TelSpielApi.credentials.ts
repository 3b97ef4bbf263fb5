import type {
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { headerAuthentication } from '../nodes/shared/authenticate';


export class TelSpielApi implements ICredentialType {
	name = 'telSpielApi';

	displayName = 'telSpiel API';

	icon: Icon = { light: 'file:../nodes/TelSpiel/telspiel.svg', dark: 'file:../nodes/TelSpiel/telspiel.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center/blob/main/docs/telspiel.md#telspiel-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.habitic.in',
			required: true,
			description: 'Address of the telSpiel API, without a path. telSpiel tells you if your account uses another host.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The account username provided by telSpiel',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key given by your telSpiel admin',
		},
	];

	authenticate = headerAuthentication((credentials) => ({ 'api-key': credentials.apiKey }));

	// telSpiel has no read-only endpoint. A Click To Call job without phone numbers rings nobody:
	// telSpiel checks the username and key first (403 when wrong), then rejects the missing numbers
	// (422 with `errors`, sources.md#telspiel-invalid). That the key is checked before the body is a guess.
	// Only that 422 proves the username and key: any answer without `errors` (another host, a proxy
	// page, a success) fails the test.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/click-to-call',
			method: 'POST',
			headers: { accept: 'application/json' },
			body: { username: '={{$credentials.username}}' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 403, message: 'Username or API key is invalid' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors',
					value: undefined,
					message: 'This is not telSpiel’s Click To Call API answering: check the Base URL (telSpiel did not confirm the username and API key)',
				},
			},
		],
	};
}
