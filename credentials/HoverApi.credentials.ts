import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { headerAuthentication } from '../nodes/shared/authenticate';


import { HOVER_API_ROOT_EXPRESSION, hoverApiRoot } from '../nodes/Hover/apiRoot';
import { ServiceError } from '../nodes/shared/errors';
import { TokenCache } from '../nodes/shared/tokens';

/** Hover's JWTs last two hours. */
const JWT_LIFETIME_SECONDS = 2 * 3600;
const logins = new TokenCache();

/** Statuses with which Hover turns the email and password down (undocumented; 401 most plausibly). */
const REFUSED = new Set([400, 401, 403, 422]);

/**
 * Hover's answer to a sign-in it refused, as an error without an HTTP response: n8n signs in again
 * after any error carrying a 401, which would try the same wrong password twice.
 */
function refusal(error: unknown): ServiceError | undefined {
	type WithResponse = { response?: { status?: unknown }; cause?: { response?: { status?: unknown } } } | null;
	const status = (error as WithResponse)?.response?.status ?? (error as WithResponse)?.cause?.response?.status;
	if (typeof status !== 'number' || !REFUSED.has(status)) return undefined;
	// No httpCode: n8n would replace the message with its generic one for the status.
	return new ServiceError('Hover refused the sign-in: the email or password is wrong', {
		description: `Hover answered the sign-in with HTTP ${status}. Check the email and password of the Hover credential (those of the Hover dashboard); n8n tried them once.`,
	});
}

export class HoverApi implements ICredentialType {
	name = 'hoverApi';

	displayName = 'Hover API';

	icon: Icon = { light: 'file:../nodes/Hover/hover.svg', dark: 'file:../nodes/Hover/hover.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center/blob/main/docs/hover.md#hover-credential';

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
			description: 'Hover’s API address, with or without /api',
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
		const apiRoot = hoverApiRoot(String(credentials.baseUrl));
		const key = TokenCache.key(apiRoot, String(credentials.email), String(credentials.password));
		if (credentials.sessionToken) await logins.invalidate(key, credentials.sessionToken as string);
		const signIn = async () => {
			const answer = (await this.helpers
				.httpRequest({
					method: 'POST',
					url: `${apiRoot}/authenticate`,
					headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
					body: { email: credentials.email, password: credentials.password },
					json: true,
				})
				.catch((error: unknown) => {
					throw refusal(error) ?? error;
				})) as { auth_token?: string };
			if (!answer?.auth_token) throw new Error('Hover answered the sign-in without a token');
			return { token: answer.auth_token, expiresInSeconds: JWT_LIFETIME_SECONDS };
		};
		// A refusal is remembered briefly, so the items of one run do not each try the wrong password again.
		const sessionToken = await logins.get(key, signIn, { isRefusal: (error) => error instanceof ServiceError });
		return { sessionToken };
	}

	// Hover wants the bare token: no "Bearer" in front.
	authenticate = headerAuthentication((credentials) => ({ Authorization: credentials.sessionToken }));

	test: ICredentialTestRequest = {
		request: {
			baseURL: HOVER_API_ROOT_EXPRESSION,
			url: '/actions',
			method: 'GET',
			qs: { organization_id: '={{$credentials.organizationId || undefined}}' },
		},
	};
}
