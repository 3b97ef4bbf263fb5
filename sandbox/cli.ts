import { credentialData, signInHints } from './accounts';
import { startSandbox } from './main';
import { SERVICE_REGISTRY } from '../scripts/services';

async function main() {
	const sandbox = await startSandbox(Number(process.env.SANDBOX_PORT ?? 5680));
	const data: Record<string, Record<string, unknown>> = credentialData(sandbox.serviceUrl);
	const lines = [
		`Sandbox listening on ${sandbox.url}`,
		...SERVICE_REGISTRY.map((entry) => `  ${entry.title.padEnd(16)}base URL ${String(data[entry.credentialType].baseUrl)}  ${signInHints[entry.key] ?? ''}`),
		`  request log     ${sandbox.url}/__sandbox/requests`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
