import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { REGIONS } from '../nodes/Sobot/region';

// n8n evaluates each expression on its own: create_time and the sign's timestamp are read separately,
// so a second ticking over between them would fail one test run in a very great many.
const NOW_SECONDS = 'Math.floor(Date.now() / 1000)';
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
			displayName: 'App Key',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The app_key Sobot gave you; it signs token requests and is never sent itself',
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
			url: '/api/get_token',
			method: 'GET',
			qs: {
				appid: '={{$credentials.appId}}',
				create_time: `={{${NOW_SECONDS}}}`,
				sign: `={{($credentials.appId + ${NOW_SECONDS} + $credentials.appSecret).hash("md5")}}`,
			},
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '900003', message: 'The app key is wrong (Sobot rejected the signature)' } },
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '900004', message: 'Sobot has no API configuration for this app ID in this region' } },
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '700046', message: 'Your Sobot edition does not include the API' } },
			{ type: 'responseSuccessBody', properties: { key: 'ret_code', value: '999999', message: 'Sobot met an unknown system error' } },
		],
	};
}
