import { HAPTIK_AGENT_TOOL_RECEIVER, HAPTIK_BOT_RECEIVER, HAPTIK_BUSINESS_ID, HAPTIK_CLIENT_ID, HAPTIK_TEAM, HAPTIK_TOKEN, HAPTIK_WEBHOOK_SECRET } from './haptik';
import { HAPTIK_ECT_CERT_UUID, HAPTIK_ECT_CHAIN_URL, HAPTIK_ECT_FQDN, HAPTIK_ECT_PRIVATE_KEY } from './haptik-keys';
import { HOVER_EMAIL, HOVER_PASSWORD } from './hover';
import { MODEL_API_KEY, MODEL_NAME } from './model';
import { SP_APP_ID, SP_TENANT } from './servicepattern';
import { SOBOT_APP_ID, SOBOT_APP_KEY } from './sobot';
import { TELSPIEL_API_KEY, TELSPIEL_USERNAME } from './telspiel';

/** The sandbox's test accounts (documented in sandbox/README.md). */
export const accounts = {
	telspiel: { username: TELSPIEL_USERNAME, apiKey: TELSPIEL_API_KEY },
	sobot: { appId: SOBOT_APP_ID, appKey: SOBOT_APP_KEY },
	hover: { email: HOVER_EMAIL, password: HOVER_PASSWORD },
	servicePattern: { tenantUrl: SP_TENANT, appId: SP_APP_ID },
	haptik: {
		token: HAPTIK_TOKEN,
		clientId: HAPTIK_CLIENT_ID,
		businessId: HAPTIK_BUSINESS_ID,
		webhookSecret: HAPTIK_WEBHOOK_SECRET,
		team: HAPTIK_TEAM,
		botReceiver: HAPTIK_BOT_RECEIVER,
		agentToolReceiver: HAPTIK_AGENT_TOOL_RECEIVER,
		/** The contact center as Haptik's external agent tool: its FQDN, private key and certificate (sandbox/haptik-keys.ts). */
		agentTool: { fqdn: HAPTIK_ECT_FQDN, privateKey: HAPTIK_ECT_PRIVATE_KEY, certUuid: HAPTIK_ECT_CERT_UUID, certChainUrl: HAPTIK_ECT_CHAIN_URL },
	},
	/** The scripted OpenAI-compatible chat model the AI agent example uses. */
	model: { apiKey: MODEL_API_KEY, name: MODEL_NAME },
	/** The header callers of the examples' webhooks put their key in (n8n's Webhook node checks it: Header Auth). */
	webhookKeyHeader: 'api-key',
};

/**
 * What `npm run sandbox` prints for each service's credential besides its base URL, by registry key
 * (scripts/services.json; test/unit/layout.test.ts checks every service has one).
 */
export const signInHints: Record<string, string> = {
	telspiel: `username ${TELSPIEL_USERNAME}  API key ${TELSPIEL_API_KEY}`,
	sobot: `app ID ${SOBOT_APP_ID}  app key ${SOBOT_APP_KEY}`,
	hover: `email ${HOVER_EMAIL}  password ${HOVER_PASSWORD}`,
	servicepattern: `tenant URL ${SP_TENANT}  app ID ${SP_APP_ID}`,
	haptik: `token ${HAPTIK_TOKEN}  client ID ${HAPTIK_CLIENT_ID}  business ID ${HAPTIK_BUSINESS_ID}  webhook secret ${HAPTIK_WEBHOOK_SECRET}\n${' '.repeat(18)}agent tool FQDN ${HAPTIK_ECT_FQDN}  certificate UUID ${HAPTIK_ECT_CERT_UUID}  private key in sandbox/haptik-keys.ts`,
};

/**
 * The secrets that guard n8n's own inbound surfaces, not any vendor's: the ServicePattern
 * credential's Relay Secret and the keys the examples' webhooks take. These fixed ones are for the
 * tests; `npm start` generates its own for each n8n folder (scripts/n8n-setup.cjs).
 */
export interface InboundSecrets {
	relaySecret: string;
	/** A bot platform's key for the bot-facing API and the bot handover (examples/bot-callback-api.json, bot-chat-handover.json). */
	botPlatformKey: string;
	/** The IVR's key for examples/ivr-callback.json. */
	ivrKey: string;
	/** An MCP client's bearer token for examples/mcp-server-tools.json. */
	mcpToken: string;
}

export const testSecrets: InboundSecrets = {
	relaySecret: 'sandbox-relay-secret-0001',
	botPlatformKey: 'sandbox-bot-key-0001',
	ivrKey: 'sandbox-ivr-key-0001',
	mcpToken: 'sandbox-mcp-token-0001',
};

/** The credentials n8n checks the examples' callers with, as n8n credential data. */
export function inboundCredentialData(secrets: InboundSecrets = testSecrets) {
	return {
		botPlatform: { name: accounts.webhookKeyHeader, value: secrets.botPlatformKey },
		ivr: { name: accounts.webhookKeyHeader, value: secrets.ivrKey },
		mcp: { token: secrets.mcpToken },
	};
}

/** The test accounts as n8n credential data, by credential type, for a sandbox at `serviceUrl`. */
export function credentialData(serviceUrl: (service: string) => string, secrets: InboundSecrets = testSecrets) {
	return {
		telSpielApi: { baseUrl: serviceUrl('telspiel'), username: accounts.telspiel.username, apiKey: accounts.telspiel.apiKey },
		sobotApi: { region: 'custom', baseUrl: serviceUrl('sobot'), appId: accounts.sobot.appId, appSecret: accounts.sobot.appKey, language: 'en' },
		hoverApi: {
			authentication: 'password',
			email: accounts.hover.email,
			password: accounts.hover.password,
			organizationId: '',
			baseUrl: `${serviceUrl('hover')}/api`,
			sessionToken: '',
		},
		servicePatternApi: {
			baseUrl: serviceUrl('servicepattern'),
			tenantUrl: accounts.servicePattern.tenantUrl,
			appId: accounts.servicePattern.appId,
			apiVersion: 'v1' as 'v1' | 'v2',
			relaySecret: secrets.relaySecret,
		},
		haptikApi: {
			baseUrl: serviceUrl('haptik'),
			apiBaseUrl: serviceUrl('haptik'),
			token: accounts.haptik.token,
			clientId: accounts.haptik.clientId,
			businessId: accounts.haptik.businessId,
			webhookSecret: accounts.haptik.webhookSecret,
			agentToolSignIn: true,
			agentToolFqdn: accounts.haptik.agentTool.fqdn,
			agentToolPrivateKey: accounts.haptik.agentTool.privateKey,
			agentToolSigning: 'selfSigned' as 'selfSigned' | 'caSigned',
			agentToolCertUuid: accounts.haptik.agentTool.certUuid,
			agentToolCertChainUrl: '',
			agentToolClientId: '',
			agentToolToken: '',
		},
		openAiApi: { apiKey: accounts.model.apiKey, organizationId: '', url: `${serviceUrl('model')}/v1`, header: false },
	};
}
