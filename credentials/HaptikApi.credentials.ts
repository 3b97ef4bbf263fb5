import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { AGENT_TOOL_TOKEN, agentToolHeaders, agentToolToken, isAgentToolUrl } from '../nodes/Haptik/token';
import { headerAuthentication } from '../nodes/shared/authenticate';

const signInShown = { show: { agentToolSignIn: [true] } };

export class HaptikApi implements ICredentialType {
	name = 'haptikApi';

	displayName = 'Haptik API';

	icon: Icon = { light: 'file:../nodes/Haptik/haptik.svg', dark: 'file:../nodes/Haptik/haptik.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center/blob/main/docs/haptik.md#haptik-credential';

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
			description:
				'The secret shared with Haptik for the X-Hub-Signature of the Bot API webhook; the Haptik Trigger refuses deliveries not signed with it (a wrong one here: Haptik retries for an hour, then disables the webhook)',
		},
		{
			displayName: 'Agent Tool (TRACT) Sign-In',
			name: 'agentToolSignIn',
			type: 'boolean',
			default: false,
			description:
				'Whether this contact center answers Haptik chats as an external agent tool (Agent Tool operations, the trigger’s agent tool hooks). Haptik then issues a token to requests signed with your certificate’s private key. Off: the Bot API only, no sign-in.',
		},
		{
			displayName: 'FQDN',
			name: 'agentToolFqdn',
			type: 'string',
			default: '',
			placeholder: 'e.g. ect.example.com',
			displayOptions: signInShown,
			description: 'Your agent tool’s domain name as pre-shared with Haptik; it must be in the certificate’s Subject Alternative Names',
		},
		{
			displayName: 'Private Key',
			name: 'agentToolPrivateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY----- …',
			displayOptions: signInShown,
			description: 'The PEM-encoded RSA or ECDSA private key of the certificate you gave Haptik. It signs the token requests and is never sent.',
		},
		{
			displayName: 'Certificate',
			name: 'agentToolSigning',
			type: 'options',
			options: [
				{ name: 'Self-Signed (Certificate UUID)', value: 'selfSigned', description: 'You gave Haptik the certificate; Haptik returned its UUID' },
				{ name: 'CA-Signed (Certificate Chain URL)', value: 'caSigned', description: 'Haptik fetches the chain from a URL on your FQDN' },
			],
			default: 'selfSigned',
			displayOptions: signInShown,
		},
		{
			displayName: 'Certificate UUID',
			name: 'agentToolCertUuid',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5a0c6f7e-2b1d-4c3a-9e8f-7d6c5b4a3921',
			displayOptions: { show: { agentToolSignIn: [true], agentToolSigning: ['selfSigned'] } },
			description: 'The ID Haptik returned for your self-signed certificate (sent as SignatureCertUUID)',
		},
		{
			displayName: 'Certificate Chain URL',
			name: 'agentToolCertChainUrl',
			type: 'string',
			default: '',
			placeholder: 'https://ect.example.com/ect.api/ect-api-cert.pem',
			displayOptions: { show: { agentToolSignIn: [true], agentToolSigning: ['caSigned'] } },
			description: 'Where Haptik downloads your PEM certificate chain: https, your FQDN, port 443, a path under /ect.api/ (sent as SignatureCertChainUrl)',
		},
		{
			displayName: 'Agent Tool Client ID',
			name: 'agentToolClientId',
			type: 'string',
			default: '',
			displayOptions: signInShown,
			description:
				'The Haptik client the token is for. Empty: the Client ID above, which names the same account on Haptik’s integration APIs; set it when Haptik gave your agent tool another one.',
		},
		{
			displayName: 'Agent Tool Token',
			name: AGENT_TOOL_TOKEN,
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * The agent tool's token is kept here, in the credential: n8n stores what preAuthentication
	 * returns in its database, so every execution and queue-mode worker shares one sign-in. n8n runs
	 * it while the token is empty, and for the Test button; Bot API requests are marked as needing no
	 * token (nodes/Haptik/token.ts), so they never sign in. The node renews it once when the agent
	 * tool refuses it (401 or 403).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await agentToolToken(this.helpers, credentials);
	}

	// The agent tool APIs (under /tract/) carry the TRACT token; every other Haptik API the bot partner's token and client-id.
	authenticate = headerAuthentication((credentials, request) =>
		isAgentToolUrl(request.url) ? agentToolHeaders(String(credentials[AGENT_TOOL_TOKEN] ?? '')) : { Authorization: `Bearer ${String(credentials.token)}`, 'client-id': credentials.clientId },
	);

	// With the agent tool sign-in on, n8n signs in first (preAuthentication runs for every Test), so a
	// refused signature, certificate or FQDN fails the test in Haptik's words; then the bot token is tried.
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
