/**
 * Runs the operation examples and the bot-facing workflow through n8n's engine against a fresh
 * sandbox, keeping what went over the wire: what scripts/reference-docs.ts renders docs/ from, and
 * what the replay and live suites compare with.
 */
import type { IDataObject } from 'n8n-workflow';

import { accounts } from '../../sandbox/accounts';
import { startSandbox } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/main';
import { BOT_CASES, botApiWorkflow, renderDocs } from '../../scripts/reference-docs';
import type { BotAnswer, Captured as CapturedOf } from '../../scripts/reference-docs';
import { EXAMPLES, NODE_NAME, operationWorkflow, sandboxCredentials } from './operations';
import type { OperationExample } from './operations';
import { storedBinary } from './package';
import { runWorkflow } from './workflow';

export type Captured = CapturedOf<OperationExample>;

/** Runs every example through n8n's engine against a fresh sandbox, keeping what went over the wire. */
export async function captureExamples(): Promise<Captured[]> {
	const sandbox: Sandbox = await startSandbox();
	const captured: Captured[] = [];
	try {
		for (const example of EXAMPLES) {
			const seen = sandbox.exchanges.length;
			const credentials = sandboxCredentials(sandbox, { servicePatternVersion: example.apiVersion ?? 'v1' });
			const input = example.file
				? [{ json: {}, binary: { data: await storedBinary(example.file.content, example.file.fileName, example.file.mimeType) } }]
				: [{ json: {} }];
			const result = await runWorkflow(operationWorkflow(example), { input, credentials });
			const error = result.error(NODE_NAME);
			captured.push({
				example,
				exchanges: sandbox.exchanges.slice(seen),
				output: error ? [] : result.output('After').map((item) => shownItem(item.json, item.binary)),
				error: error?.message,
			});
		}
	} finally {
		await sandbox.close();
	}
	return captured;
}

function shownItem(json: IDataObject, binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string }>): IDataObject {
	if (!binary) return json;
	const files = Object.fromEntries(Object.entries(binary).map(([key, { fileName, mimeType, fileSize }]) => [key, { fileName, mimeType, fileSize }]));
	return { json, binary: files };
}

/** The bot-facing workflow's answers to each of the page's cases, run by n8n's engine against a fresh sandbox. */
export async function captureBotApi(): Promise<BotAnswer[]> {
	const workflow = botApiWorkflow();
	const sandbox = await startSandbox();
	const answers: BotAnswer[] = [];
	try {
		for (const scenario of BOT_CASES) {
			if (scenario.fault) await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ ...scenario.fault, retryAfterSeconds: 0 }) });
			const result = await runWorkflow(workflow, {
				mode: 'trigger',
				input: [{ json: { headers: { [accounts.webhookKeyHeader]: '<checked by n8n>' }, params: {}, query: {}, body: scenario.body } }],
				credentials: sandboxCredentials(sandbox),
			});
			const [response] = result.responses as BotAnswer[];
			answers.push(response);
		}
	} finally {
		await sandbox.close();
	}
	return answers;
}

/** Every generated file under docs/, by path from the repository root. */
export async function generateDocs(): Promise<Map<string, string>> {
	return renderDocs(await captureExamples(), await captureBotApi());
}
