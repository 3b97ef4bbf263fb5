import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { REGIONS } from '../nodes/Sobot/region';

// One expression builds the whole query, so create_time and the sign use the same second (n8n
// evaluates each query parameter on its own, and a second can tick over between them).
const SIGNED_QUERY =
	'[Math.floor(Date.now() / 1000)].map((time) => "appid=" + encodeURIComponent($credentials.appId) + "&create_time=" + time + ' +
	'"&sign=" + ($credentials.appId + time + $credentials.appSecret).hash("md5"))[0]';
const BASE_URL = '$credentials.region === "custom" ? $credentials.baseUrl : $credentials.region';

export class SobotApi implements ICredentialType {
	name = 'sobotApi';

	displayName = 'Sobot API';

	icon: Icon = { light: 'file:../nodes/Sobot/sobot.svg', dark: 'file:../nodes/Sobot/sobot.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center#sobot-credential';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { language: '={{$credentials.language}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${BASE_URL}}}`,
			url: `={{"/api/get_token?" + ${SIGNED_QUERY}}}`,
			method: 'GET',
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '900003', message: 'The app secret is wrong (Sobot rejected the signature)' } },
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '900004', message: 'Sobot has no API configuration for this app ID in this region' } },
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '700046', message: 'Your Sobot edition does not include the API' } },
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '999999', message: 'Sobot met an unknown system error' } },
		],
	};
}
