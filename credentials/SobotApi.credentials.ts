import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { headerAuthentication } from '../nodes/shared/authenticate';


import { REGIONS } from '../nodes/Sobot/region';

const BASE_URL = '$credentials.region === "custom" ? $credentials.baseUrl : $credentials.region';

export class SobotApi implements ICredentialType {
	name = 'sobotApi';

	displayName = 'Sobot API';

	icon: Icon = { light: 'file:../nodes/Sobot/sobot.svg', dark: 'file:../nodes/Sobot/sobot.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center/blob/main/docs/sobot.md#sobot-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: REGIONS,
			default: 'https://sg.sobot.io',
			description: 'The Sobot environment your app ID belongs to',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://www.soboten.com',
			required: true,
			displayOptions: { show: { region: ['custom'] } },
		},
		{ displayName: 'App ID', name: 'appId', type: 'string', default: '', required: true, description: 'The appid Sobot gave you' },
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret Sobot gave you with the app ID (Sobot calls it app_key); it signs token requests and is never sent itself',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Response Language',
			name: 'language',
			type: 'options',
			options: [
				{ name: 'English', value: 'en' },
				{ name: 'Chinese', value: 'zh' },
			],
			default: 'en',
			description: 'Language of Sobot’s messages',
		},
	];

	/**
	 * Sobot issues a new token on every request for one and may invalidate the previous one, so the
	 * token is kept here, in the credential: n8n stores what preAuthentication returns in its database,
	 * shared by every execution and every queue-mode worker. The node asks for a new one when Sobot
	 * answers 900002 (token expired), which it does inside HTTP 200, where n8n would not.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// Required when a token is needed, not when n8n loads the credential (nodes/shared/prebuilt.ts).
		const { sobotAccessToken } = await import('../nodes/Sobot/token');
		return { accessToken: await sobotAccessToken(this.helpers, credentials) };
	}

	authenticate = headerAuthentication((credentials) => ({ token: credentials.accessToken, language: credentials.language }));

	// The Test button signs in as the node does (preAuthentication, which reports a wrong secret or
	// app ID in Sobot's words), then reads the custom-field list with that token. One token per click.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${BASE_URL}}}`,
			url: '/api/crm/5/user/query_user_extend_fields',
			method: 'GET',
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '900002', message: 'Sobot refused the token it had just issued' } },
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '700046', message: 'Your Sobot edition does not include the API' } },
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '999999', message: 'Sobot met an unknown system error' } },
		],
	};
}
