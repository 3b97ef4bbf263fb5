import { SOBOT_APP_ID, SOBOT_APP_KEY } from './sobot';
import { HAPTIK_BUSINESS_ID, HAPTIK_CLIENT_ID, HAPTIK_TOKEN, HAPTIK_WEBHOOK_SECRET } from './haptik';
import { HAPTIK_ECT_CERT_UUID, HAPTIK_ECT_FQDN } from './haptik-keys';
import { HOVER_EMAIL, HOVER_PASSWORD } from './hover';
import { startSandbox } from './main';
import { SP_APP_ID, SP_TENANT } from './servicepattern';
import { TELSPIEL_API_KEY, TELSPIEL_USERNAME } from './telspiel';

async function main() {
	const sandbox = await startSandbox(Number(process.env.SANDBOX_PORT ?? 5680));
	const lines = [
		`Sandbox listening on ${sandbox.url}`,
		`  telSpiel        base URL ${sandbox.serviceUrl('telspiel')}  username ${TELSPIEL_USERNAME}  API key ${TELSPIEL_API_KEY}`,
		`  Sobot           base URL ${sandbox.serviceUrl('sobot')}  app ID ${SOBOT_APP_ID}  app key ${SOBOT_APP_KEY}`,
		`  Hover           base URL ${sandbox.serviceUrl('hover')}/api  email ${HOVER_EMAIL}  password ${HOVER_PASSWORD}`,
		`  ServicePattern  base URL ${sandbox.serviceUrl('servicepattern')}  tenant URL ${SP_TENANT}  app ID ${SP_APP_ID}`,
		`  Haptik          base URL ${sandbox.serviceUrl('haptik')}  token ${HAPTIK_TOKEN}  client ID ${HAPTIK_CLIENT_ID}  business ID ${HAPTIK_BUSINESS_ID}  webhook secret ${HAPTIK_WEBHOOK_SECRET}`,
		`                  agent tool FQDN ${HAPTIK_ECT_FQDN}  certificate UUID ${HAPTIK_ECT_CERT_UUID}  private key in sandbox/haptik-keys.ts`,
		`  request log     ${sandbox.url}/__sandbox/requests`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
