import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class ServicePatternApi implements ICredentialType {
	name = 'servicePatternApi';

	displayName = 'ServicePattern (Bright Pattern) API';

	icon: Icon = { light: 'file:../nodes/ServicePattern/servicePattern.svg', dark: 'file:../nodes/ServicePattern/servicePattern.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center/blob/main/docs/servicepattern.md#servicepattern-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.brightpattern.com',
			required: true,
			description: 'Address of the contact center’s web server (a port may be added), without a path',
		},
		{
			displayName: 'Tenant URL',
			name: 'tenantUrl',
			type: 'string',
			default: '',
			placeholder: 'example.brightpattern.com',
			required: true,
			description: 'The contact center’s domain, shown at the top right of the Contact Center Administrator app',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'The unique identifier of the Messaging/Chat scenario entry',
		},
		{
			displayName: 'Relay Secret',
			name: 'relaySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the ServicePattern Relay Trigger: a long random value (at least 16 characters, e.g. from openssl rand -hex 32) that signs the chats Request Chat registers with the relay. Unlike the App ID, it appears in no web page. Change it here to rotate it: both sides read it from this credential.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{ name: 'V1', value: 'v1' },
				{ name: 'V2', value: 'v2', description: 'Adds Get Version and push notification subscriptions' },
			],
			default: 'v1',
		},
	];

	// For the HTTP Request node and the Test button. The package's own nodes and triggers send these
	// themselves (nodes/ServicePattern/client.ts), with the Authorization header that names each
	// conversation's client ID: a trigger's long polls outlive the expression isolate n8n lends
	// while it activates a trigger, so they cannot have n8n resolve this credential's expressions.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { 'User-Agent': 'MobileClient' },
			qs: { tenantUrl: '={{$credentials.tenantUrl}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/clientweb/api/{{$credentials.apiVersion}}/availability',
			method: 'GET',
			headers: {
				Accept: 'application/json',
				Authorization: '=MOBILE-API-140-327-PLAIN appId="{{$credentials.appId}}", clientId="00000000-0000-4000-8000-00000000c7e5"',
			},
		},
	};
}
