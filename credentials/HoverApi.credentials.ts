import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { TokenCache } from '../nodes/shared/tokens';

/** Hover's JWTs last two hours. */
const JWT_LIFETIME_SECONDS = 2 * 3600;
const logins = new TokenCache();

export class HoverApi implements ICredentialType {
	name = 'hoverApi';

	displayName = 'Hover API';

	icon: Icon = { light: 'file:../nodes/Hover/hover.svg', dark: 'file:../nodes/Hover/hover.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center#hover-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Sign In With',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Email and Password', value: 'password', description: 'n8n signs in and renews the token itself' },
				{ name: 'Token', value: 'token', description: 'A JWT you got from Hover yourself; it lasts two hours' },
			],
			default: 'password',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['password'] } },
			description: 'The email you sign in to the Hover dashboard with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['password'] } },
		},
		{
			displayName: 'Token',
			name: 'jwtToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['token'] } },
			description: 'The auth_token from POST /api/authenticate',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description: 'Only if your Hover user belongs to several organizations',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.usehover.com/api',
			description: 'Hover’s API address, with /api',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * n8n calls this when the session token is empty, and again after a 401. Concurrent items share
	 * one sign-in; a token Hover refused is dropped, so the next call signs in anew.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authentication === 'token') return { sessionToken: credentials.jwtToken as string };
		const baseUrl = String(credentials.baseUrl).replace(/\/+$/, '');
		const key = TokenCache.key(baseUrl, String(credentials.email), String(credentials.password));
		if (credentials.sessionToken) await logins.invalidate(key, credentials.sessionToken as string);
		const sessionToken = await logins.get(key, async () => {
			const answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}/authenticate`,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: { email: credentials.email, password: credentials.password },
				json: true,
			})) as { auth_token?: string };
			if (!answer?.auth_token) throw new Error('Hover answered the sign-in without a token');
			return { token: answer.auth_token, expiresInSeconds: JWT_LIFETIME_SECONDS };
		});
		return { sessionToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		// Hover wants the bare token: no "Bearer" in front.
		properties: { headers: { Authorization: '={{$credentials.sessionToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/actions',
			method: 'GET',
			qs: { organization_id: '={{$credentials.organizationId || undefined}}' },
		},
	};
}
