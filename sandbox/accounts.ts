import { HOVER_EMAIL, HOVER_PASSWORD } from './hover';
import { SP_APP_ID, SP_TENANT } from './servicepattern';
import { SOBOT_APP_ID, SOBOT_APP_KEY } from './sobot';
import { TELSPIEL_API_KEY, TELSPIEL_USERNAME } from './telspiel';

/** The sandbox's test accounts (documented in sandbox/README.md). */
export const accounts = {
	telspiel: { username: TELSPIEL_USERNAME, apiKey: TELSPIEL_API_KEY },
	sobot: { appId: SOBOT_APP_ID, appKey: SOBOT_APP_KEY },
	hover: { email: HOVER_EMAIL, password: HOVER_PASSWORD },
	servicePattern: { tenantUrl: SP_TENANT, appId: SP_APP_ID },
	/** The key a bot platform sends to the bot-facing example (examples/bot-callback-api.json); checked by n8n's Webhook node. */
	botApi: { header: 'api-key', key: 'sandbox-bot-key-0001' },
};
