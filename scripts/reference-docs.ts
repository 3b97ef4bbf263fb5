/**
 * Generates docs/: one reference page per service in the format of Haptik's "requirements for APIs
 * used on Haptik" (method, URL, headers, mandatory and optional fields, example request and response,
 * errors with status and code, auth steps, test environment and accounts), and JSON Schemas of every
 * operation's input and output. Everything comes from the operation definitions and the credentials;
 * the examples are real exchanges with the sandbox, driven through n8n's engine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeProperties, IWorkflowBase } from 'n8n-workflow';
import { z } from 'zod/v4';

import { HttpError } from '../nodes/shared/http';
import type { Operation } from '../nodes/shared/operation';
import { accounts } from '../sandbox/accounts';
import type { Exchange } from '../sandbox/main';
import type { ServiceEntry } from './service-entries';
import { SERVICES } from './service-entries';

const SHOWN_HEADERS = ['authorization', 'client-id', 'api-key', 'token', 'organization-id', 'signature', 'signaturecertuuid', 'signaturecertchainurl', 'content-type', 'accept', 'user-agent'];

/** What the pages need of an operation example (test/harness/operations.ts has them all). */
export interface DocumentedExample {
	service: string;
	resource: string;
	operation: string;
	parameters: IDataObject;
}

/** One operation example as it ran through n8n's engine against the sandbox (test/harness/capture.ts). */
export interface Captured<Example extends DocumentedExample = DocumentedExample> {
	example: Example;
	exchanges: Exchange[];
	output: IDataObject[];
	error?: string;
}

// ---- making the examples stable and free of secrets ----------------------------------------------

const DAY_MS = 86_400_000;
const FIXED_TIME = Date.UTC(2026, 10, 23, 10, 0, 0);

/** Secrets become placeholders; times near now become one fixed time, so the pages only change with the code. */
export function masked(text: string, now = Date.now()): string {
	return text
		.split(accounts.telspiel.apiKey).join('<api-key>')
		.split(accounts.sobot.appKey).join('<app-key>')
		.split(accounts.hover.password).join('<password>')
		.split(accounts.haptik.token).join('<token>')
		.split(accounts.haptik.webhookSecret).join('<webhook secret>')
		.split(`appId="${accounts.servicePattern.appId}"`).join('appId="<app id>"')
		.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<JWT>')
		.replace(/tok-\d+-[a-z0-9]+/g, '<token>')
		.replace(/boundary=(-*)n8nFormBoundary[0-9a-f]+/g, 'boundary=$1n8nFormBoundary<random>')
		.replace(/sign=[0-9a-f]{32}/g, 'sign=<sign>')
		.replace(/create_time=\d+/g, 'create_time=<unix time>')
		.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)/g, (iso, fraction: string | undefined) =>
			Math.abs(Date.parse(iso) - now) < DAY_MS ? new Date(FIXED_TIME).toISOString().replace(fraction ? '' : '.000', '') : iso,
		)
		// Sobot's times, "2026-11-23 10:00:00" (the time an agent reply read its ticket), in the workflow's zone.
		.replace(/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\b/g, (stamp) =>
			Math.abs(Date.parse(`${stamp.replace(' ', 'T')}Z`) - now) < DAY_MS ? new Date(FIXED_TIME).toISOString().slice(0, 19).replace('T', ' ') : stamp,
		)
		// Haptik's agent tool sign-in: the signature of a body with the time in it.
		.replace(/^(signature: )[A-Za-z0-9+/]+=*$/gm, '$1<base64 signature of the body>')
		// Haptik's transcript times: "06/22/20 07:24:25 AM UTC".
		.replace(/\b(\d\d)\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d) (AM|PM) UTC\b/g, (stamp, month: string, day: string, year: string, hour: string, minute: string, second: string, half: string) => {
			const at = Date.UTC(2000 + Number(year), Number(month) - 1, Number(day), (Number(hour) % 12) + (half === 'PM' ? 12 : 0), Number(minute), Number(second));
			return Math.abs(at - now) < DAY_MS ? '11/23/26 10:00:00 AM UTC' : stamp;
		})
		// Message IDs: "<chat id>:<milliseconds><3-digit counter>".
		.replace(/(?<=:)1\d{12}(?=\d{3}\b)/g, (digits) => (Math.abs(Number(digits) - now) < DAY_MS ? String(FIXED_TIME) : digits))
		.replace(/\b1\d{9}(\d{3})?\b/g, (digits) => {
			const ms = digits.length === 13 ? Number(digits) : Number(digits) * 1000;
			if (Math.abs(ms - now) >= DAY_MS) return digits;
			return digits.length === 13 ? String(FIXED_TIME) : String(FIXED_TIME / 1000);
		});
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function bodyText(body: string, contentType: string | undefined): string {
	if (contentType?.startsWith('multipart/')) return `<multipart/form-data, ${Buffer.byteLength(body)} bytes: the file and its name>`;
	if (!body) return '';
	try {
		return json(JSON.parse(body));
	} catch {
		return body.length > 1500 ? `${body.slice(0, 1500)}…` : body;
	}
}

function replyText(exchange: Exchange): string {
	const { body, headers } = exchange.reply;
	if (Buffer.isBuffer(body)) return `<${body.length} bytes of ${headers?.['content-type'] ?? 'binary data'}>`;
	if (typeof body === 'string') return body;
	return body === undefined ? '' : json(body);
}

function httpRequest(exchange: Exchange): string {
	const { method, path, headers, body } = exchange.request;
	const lines = [`${method} ${path}`];
	for (const name of SHOWN_HEADERS) {
		const value = headers[name];
		if (value !== undefined) lines.push(`${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
	}
	const text = bodyText(body, headers['content-type']);
	return text ? `${lines.join('\n')}\n\n${text}` : lines.join('\n');
}

function httpReply(exchange: Exchange): string {
	const status = exchange.reply.status ?? 200;
	const contentType = exchange.reply.headers?.['content-type'];
	const head = `HTTP ${status}${contentType ? `\ncontent-type: ${contentType}` : ''}`;
	const text = replyText(exchange);
	return text ? `${head}\n\n${text}` : head;
}

// ---- fields ------------------------------------------------------------------------------------

const plain = (text = '') => text.replace(/<[^>]+>/g, '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

const sentence = (text: string) => (text && !/[.!?)]$/.test(text) ? `${text}.` : text);

interface FieldRow {
	name: string;
	label: string;
	type: string;
	required: boolean;
	default: unknown;
	description: string;
	when?: string;
}

function fieldRows(properties: INodeProperties[], prefix = ''): FieldRow[] {
	return properties.flatMap((property): FieldRow[] => {
		if (property.type === 'notice') return [];
		const when = property.displayOptions?.show
			? Object.entries(property.displayOptions.show)
					.map(([key, values]) => `${key} = ${(values ?? []).join(' or ')}`)
					.join(', ')
			: undefined;
		const choices = property.options?.every((option) => 'value' in option)
			? ` One of: ${(property.options as Array<{ value: unknown; name: string }>).map((o) => `\`${String(o.value)}\` (${o.name})`).join(', ')}.`
			: '';
		const row: FieldRow = {
			name: `${prefix}${property.name}`,
			label: property.displayName,
			type: property.type,
			required: !!property.required,
			default: property.default,
			description: `${sentence(plain(property.description))}${choices}`.trim(),
			when,
		};
		if (property.type === 'collection' && property.options) {
			return [row, ...fieldRows(property.options as INodeProperties[], `${prefix}${property.name}.`)];
		}
		if (property.type === 'fixedCollection' && property.options) {
			return [
				row,
				...(property.options as Array<{ name: string; values: INodeProperties[] }>).flatMap((group) =>
					fieldRows(group.values, `${prefix}${property.name}.${group.name}[].`),
				),
			];
		}
		return [row];
	});
}

function fieldTable(rows: FieldRow[]): string {
	if (rows.length === 0) return 'None.\n';
	const lines = ['| parameter | field | type | mandatory | default | description |', '|---|---|---|---|---|---|'];
	for (const row of rows) {
		const defaultText = row.default === '' || row.default === undefined || (typeof row.default === 'object' && Object.keys(row.default ?? {}).length === 0) ? '' : `\`${JSON.stringify(row.default)}\``;
		const description = [row.description, row.when ? `Shown when ${row.when}.` : ''].filter(Boolean).join(' ');
		lines.push(`| \`${row.name}\` | ${row.label} | ${row.type} | ${row.required ? 'yes' : 'no'} | ${defaultText} | ${description} |`);
	}
	return `${lines.join('\n')}\n`;
}

// ---- schemas -------------------------------------------------------------------------------------

export function schemaFiles(entry: ServiceEntry): Map<string, string> {
	const files = new Map<string, string>();
	for (const operation of entry.actions.operations) {
		const base = `docs/schemas/${entry.key}/${operation.resource}.${operation.value}`;
		const input = z.toJSONSchema(operation.input, { io: 'input', unrepresentable: 'any' });
		const outputItem = z.toJSONSchema(operation.output, { io: 'output', unrepresentable: 'any' });
		files.set(`${base}.input.json`, `${json({ title: `${entry.title} ${operation.name} (${operation.resource}): node parameters`, ...input })}\n`);
		files.set(`${base}.output.json`, `${json({ title: `${entry.title} ${operation.name} (${operation.resource}): one output item's json`, ...outputItem })}\n`);
	}
	return files;
}

// ---- the page --------------------------------------------------------------------------------

const anchor = (text: string) => text.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');

function operationTitle(operation: Operation<unknown>, entry: ServiceEntry): string {
	const resource = entry.actions.resources.find((r) => r.value === operation.resource)!;
	return `${resource.name}: ${operation.name}`;
}

function calls(exchanges: Exchange[], entry: ServiceEntry): Exchange[] {
	// Sign-ins and token fetches are shown under Authentication, not under each operation.
	return exchanges.filter((exchange) => !entry.authPath || !exchange.request.path.startsWith(entry.authPath));
}

function credentialSection(entry: ServiceEntry, captured: Captured[]): string {
	const { credential } = entry;
	const rows = fieldRows(credential.properties);
	const { authPath } = entry;
	const authExchange = authPath ? captured.flatMap((c) => c.exchanges).find((exchange) => exchange.request.path.startsWith(authPath)) : undefined;
	const parts = [
		'## Authentication\n',
		`Credential **${credential.displayName}** (\`${credential.name}\`). Secrets are shown as \`<placeholders>\` on this page.\n`,
		fieldTable(rows),
		'Steps:\n',
		entry.service.authSteps.map((step, index) => `${index + 1}. ${step}`).join('\n'),
		'',
	];
	if (authExchange) {
		parts.push('Example:\n', '```http', masked(httpRequest(authExchange)), '```\n', '```http', masked(httpReply(authExchange)), '```\n');
	}
	if (credential.test) {
		const request = (credential.test as { request: { method?: string; url?: string } }).request;
		// An expression URL (Sobot signs its test request) is shown by its path.
		const url = request.url?.startsWith('=') ? `${request.url.match(/\/[\w/.-]+/)?.[0] ?? ''}?…` : request.url;
		parts.push(`The credential's **Test** button sends \`${request.method ?? 'GET'} ${url}\` and checks the answer.\n`);
	}
	return parts.join('\n');
}

function errorsSection(entry: ServiceEntry): string {
	const lines = [
		'## Errors\n',
		'Answers the service documents, and the message the node gives for each (the node error also carries the',
		'HTTP status and the service code, and, for a field error, the field).\n',
		'| HTTP status | code | body | when | the node reports |',
		'|---|---|---|---|---|',
	];
	for (const documented of entry.service.documentedErrors) {
		const failure = new HttpError(`${entry.service.name} answered with HTTP ${documented.status}`, 'status', true, { status: documented.status, headers: {}, body: documented.body });
		const reported = documented.status === 200 ? documented.when : (entry.service.mapError?.(failure)?.message ?? failure.message);
		lines.push(`| ${documented.status} | ${documented.code ? `\`${documented.code}\`` : ''} | \`${plain(JSON.stringify(documented.body))}\` | ${plain(documented.when)} | ${plain(reported)} |`);
	}
	lines.push(
		'',
		'For every operation, also:\n',
		'| failure | what happens |',
		'|---|---|',
		'| a parameter is missing or invalid | no request is sent; the error names the parameter, the item and what was expected |',
		'| HTTP 429 or 5xx | requests without side effects are sent again up to twice (after `Retry-After`, at most 30 s, or a short backoff); then the error gives the status |',
		'| timeout, connection reset | as above for requests without side effects; a request with side effects is never sent again, and the error says it may have reached the service |',
		`| a 2xx answer that is not JSON | error "${entry.service.name} answered with HTTP 200 but the body is not JSON", with the start of the body |`,
		`| an HTML page instead of the API's answer (a gateway, proxy or load balancer in the way) | error "${entry.service.name} answered with HTTP 502 and an HTML page instead of its API's answer: a gateway or proxy between n8n and ${entry.service.name} is in the way …" |`,
		'| an answer that does not match the documented shape | error naming the field that did not match |',
		'',
		'With **Settings → On Error → Continue**, a failed item comes out in its place with `error`, `description`, `httpCode` and `code`; the other items run on.',
		'',
	);
	return lines.join('\n');
}

function testEnvironmentSection(entry: ServiceEntry): string {
	const account = {
		telspiel: `username \`${accounts.telspiel.username}\`, API key \`${accounts.telspiel.apiKey}\``,
		sobot: `app ID \`${accounts.sobot.appId}\`, app secret \`${accounts.sobot.appKey}\`, region **Custom**`,
		hover: `email \`${accounts.hover.email}\`, password \`${accounts.hover.password}\``,
		servicepattern: `tenant URL \`${accounts.servicePattern.tenantUrl}\`, app ID \`${accounts.servicePattern.appId}\``,
		haptik: `token \`${accounts.haptik.token}\`, client ID \`${accounts.haptik.clientId}\`, business ID \`${accounts.haptik.businessId}\`, webhook secret \`${accounts.haptik.webhookSecret}\`, team \`${accounts.haptik.team}\`, receivers \`${accounts.haptik.botReceiver}\` (the bot) and \`${accounts.haptik.agentToolReceiver}\` (the agent tool); both base URLs are the sandbox's`,
	}[entry.key];
	return [
		'## Test environment\n',
		'The sandbox emulates this API on 127.0.0.1: `npm run sandbox` (alone) or `npm start` (with n8n and a ready',
		`credential). Base URL: \`http://127.0.0.1:5680/${entry.key}\`${entry.key === 'hover' ? ' + `/api`' : ''}. Test account: ${account}.`,
		'Test data and fault switches: [sandbox/README.md](../../sandbox/README.md). The examples below are real exchanges with it.\n',
	].join('\n');
}

function operationSection(entry: ServiceEntry, operation: Operation<unknown>, captured: Captured): string {
	const exchanges = calls(captured.exchanges, entry);
	const method = exchanges.map((e) => `\`${e.request.method} ${masked(e.request.path.split('?')[0])}\``);
	const schemaBase = `../schemas/${entry.key}/${operation.resource}.${operation.value}`;
	const parts = [
		`### ${operationTitle(operation, entry)}\n`,
		`${operation.description}. Node: **${entry.title}** → resource \`${operation.resource}\`, operation \`${operation.value}\`.\n`,
		`- **HTTP call${method.length === 1 ? '' : 's'}:** ${[...new Set(method)].join(', ')} (paths relative to the credential's base URL)`,
		`- **Side effects:** ${operation.sideEffects ? 'yes: once the request may have reached the service it is never sent again' : 'no: safe to retry'}`,
		`- **Output:** ${operation.returnsList ? 'one item per element of the answer' : 'one item per input item'}${operation.binaryOutput ? ', the file as binary data' : ''}`,
		`- **JSON Schemas:** [input](${schemaBase}.input.json), [output](${schemaBase}.output.json)\n`,
		'#### Input fields\n',
		fieldTable(fieldRows(operation.properties)),
		'#### Example request\n',
		'Node parameters:\n',
		'```json',
		json(captured.example.parameters),
		'```\n',
	];
	for (const exchange of exchanges) {
		parts.push('```http', masked(httpRequest(exchange)), '```\n', 'Response:\n', '```http', masked(httpReply(exchange)), '```\n');
	}
	parts.push('#### Example output\n', '```json', masked(json(captured.output.slice(0, 2))), '```\n');
	parts.push(`#### Errors\n\nSee [Errors](#errors); the HTTP status and code are those of the table.\n`);
	return parts.join('\n');
}

export function servicePage(entry: ServiceEntry, captured: Captured[]): string {
	const own = captured.filter((c) => c.example.service === entry.key);
	const index = entry.actions.operations.map((operation) => {
		const example = own.find((c) => c.example.resource === operation.resource && c.example.operation === operation.value);
		const http = example ? [...new Set(calls(example.exchanges, entry).map((e) => `${e.request.method} ${masked(e.request.path.split('?')[0])}`))].join(', ') : '';
		const title = operationTitle(operation, entry);
		return `| [${title}](#${anchor(title)}) | \`${http}\` | ${operation.sideEffects ? 'yes' : 'no'} | ${operation.description} |`;
	});
	const sections = entry.actions.operations.map((operation) => {
		const example = own.find((c) => c.example.resource === operation.resource && c.example.operation === operation.value);
		if (!example) throw new Error(`${entry.title} ${operation.resource}.${operation.value} has no example in test/harness/operations.ts`);
		if (example.error) throw new Error(`The example of ${entry.title} ${operation.resource}.${operation.value} failed: ${example.error}`);
		return operationSection(entry, operation, example);
	});
	return [
		`# ${entry.title}: API reference\n`,
		'<!-- Generated by `npm run docs` from the operation definitions and real sandbox exchanges; do not edit. -->\n',
		`Every operation of the **${entry.title}** node, in the format of Haptik's requirements for APIs used on Haptik.`,
		'Every operation also has **Request Options**: Concurrency (items sent at once, default 5) and Timeout (ms, default 30000).\n',
		'| operation | HTTP call | side effects | what it does |',
		'|---|---|---|---|',
		...index,
		'',
		credentialSection(entry, own),
		testEnvironmentSection(entry),
		errorsSection(entry),
		'## Operations\n',
		...sections,
	].join('\n');
}

// ---- the bot-facing endpoint (examples/bot-callback-api.json) -----------------------------------

export const BOT_CASES: Array<{ title: string; body: IDataObject; fault?: { service: string; fault: string; count: number } }> = [
	{ title: 'Success: a known customer', body: { mobileNo: '13800000001' } },
	{ title: 'ERR001: no valid mobile number', body: { mobile: '13800000001' } },
	{ title: 'ERR002: no customer has the number', body: { mobileNo: '13899999999' } },
	{ title: 'ERR003: the call could not be placed (telSpiel answered 500)', body: { mobileNo: '13800000002' }, fault: { service: 'telspiel', fault: 'serverError', count: 1 } },
	{ title: 'ERR004: the customer could not be looked up (Sobot answered 500, three times)', body: { mobileNo: '13800000001' }, fault: { service: 'sobot', fault: 'serverError', count: 3 } },
];

/** One row per Respond to Webhook node: its status, the envelope's code and message, and the node's name. */
function statusRows(workflow: Pick<IWorkflowBase, 'nodes'>): string[] {
	return workflow.nodes
		.filter((node) => node.type === 'n8n-nodes-base.respondToWebhook')
		.map((node) => {
			const body = String(node.parameters.responseBody);
			const code = body.match(/status_code: '([^']+)'/)?.[1] ?? '';
			const message = body.match(/message: '([^']+)'/)?.[1] ?? '';
			const status = (node.parameters.options as IDataObject | undefined)?.responseCode ?? 200;
			const when = node.name.split(': ').slice(1).join(': ');
			return `| ${String(status)} | \`${code}\` | ${plain(message).trim()}${body.includes("' + $json.error") ? ' <reason>' : ''} | ${when} |`;
		})
		.sort();
}

/** examples/bot-callback-api.json, the workflow the bot-facing page documents. */
export function botApiWorkflow(): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	return JSON.parse(readFileSync(path.join(__dirname, '../examples/bot-callback-api.json'), 'utf8')) as Pick<IWorkflowBase, 'nodes' | 'connections'>;
}

/** The webhook's answers to BOT_CASES, in order (test/harness/capture.ts runs them). */
export type BotAnswer = { statusCode?: number; body: unknown };

export function botApiPage(answers: BotAnswer[]): string {
	const workflow = botApiWorkflow();
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')!;
	const examples = BOT_CASES.flatMap((scenario, index) => [
		`**${scenario.title}**\n`,
		'```http',
		`POST /webhook/${String(webhook.parameters.path)}\n${accounts.webhookKeyHeader}: <api-key>\ncontent-type: application/json\n\n${json(scenario.body)}`,
		'```\n',
		'```http',
		masked(`HTTP ${answers[index].statusCode ?? 200}\ncontent-type: application/json\n\n${json(answers[index].body)}`),
		'```\n',
	]);
	return [
		'# Bot-facing API: book a callback\n',
		'<!-- Generated by `npm run docs` by running examples/bot-callback-api.json against the sandbox; do not edit. -->\n',
		'The example workflow [`examples/bot-callback-api.json`](../../examples/bot-callback-api.json) makes n8n itself an API that a bot',
		'platform such as Haptik can call: it looks the caller up in Sobot, has telSpiel ring the VIP desk or the callback queue and',
		"the customer, and answers in Haptik's envelope (`status`, `status_code`, `message`).\n",
		'| # | data | value |',
		'|---|---|---|',
		'| 1 | API name | Book a callback |',
		`| 2 | Method | \`${String(webhook.parameters.httpMethod)}\` |`,
		`| 3 | Endpoint URL | \`https://<your n8n>/webhook/${String(webhook.parameters.path)}\` (the workflow must be published; \`/webhook-test/…\` while testing in the editor) |`,
		`| 4 | Headers | \`${accounts.webhookKeyHeader}: <api-key>\` (mandatory), \`content-type: application/json\` |`,
		'| 5 | Request body | `{ "mobileNo": "13800000001" }`: `mobileNo` mandatory, 6 to 15 digits, an optional leading `+`; spaces, dashes and brackets are ignored |',
		'| 6 | Success response | `200 { "status": "success", "status_code": "SUCC001", "message": "Request Successful", "data": { "customer": "<name>", "desk": "VIP desk" \\| "callback queue" } }` |',
		'| 7 | Error response | `{ "status": "error", "status_code": "ERR00x", "message": "<what went wrong>" }` |',
		'| 8 | Partner Code | none: the API knows its caller by the `api-key` alone. If Haptik files the key under a partner (Admin Tools → Partner List), write its code here: `{partnercode}` |',
		`| 9 | Keys | \`${accounts.webhookKeyHeader}\` (a header): held in the n8n credential (type Header Auth) of the Webhook node; no consumer key, secret, user ID or callback URL |`,
		'| 10 | HTTP Status Codes | see [Status codes](#status-codes): `SUCC001` Request Successful, `ERR001`–`ERR004` |',
		'| 11 | Authentication steps | send the key in the `api-key` header on every request; there is no token and no sign-in |',
		'| 12 | Staging / test environment | see [Staging](#staging): `npm start` (n8n on http://localhost:5678 with this workflow, the sandbox behind it), or a second published copy of the workflow on its own path |',
		`| 13 | Test accounts | key: the one \`npm start\` made for your n8n, in \`.n8n-dev/keys/bot-platform-key\` ([npm start, "Webhook keys"](../npm-start.md#webhook-keys)); mobile numbers \`13800000001\` (Asha, VIP), \`13800000002\` (Ben), any other number is unknown |`,
		'| 14 | Technical SPOC | see [Contact (SPOC)](#contact-spoc) |',
		'',
		'## Status codes\n',
		'| HTTP status | status_code | message | the workflow\'s answer |',
		'|---|---|---|---|',
		...statusRows(workflow),
		'| 403 | (n8n) | Authorization data is wrong! | the `api-key` header is missing or wrong (answered by n8n\'s Webhook node, outside the envelope) |',
		'',
		'Every failure inside the workflow answers in the envelope, with the reason: a missing number (`ERR001`), an unknown',
		"customer (`ERR002`), telSpiel failing (`ERR003`), Sobot failing (`ERR004`, after the node's own retries of the",
		"lookup). Only the Webhook node's own refusals (a wrong key, an address outside the allow-list: 403) come from n8n",
		'before the workflow runs.',
		'',
		'## Exposing it to Haptik\n',
		'Haptik calls the endpoint from its own servers, so it must be reachable from the internet over HTTPS:',
		'',
		'1. Run n8n behind a TLS-terminating reverse proxy (or on n8n Cloud) and set `WEBHOOK_URL=https://<your host>/`, so',
		'   that n8n shows and uses the public URL.',
		'2. Publish the workflow: the production URL is `https://<your host>/webhook/bot/callback`.',
		"3. Restrict it to Haptik: in the Webhook node, **Options → IP(s) Allowlist**, enter the addresses Haptik gives you",
		"   for its bot servers (comma-separated); n8n answers 403 to anyone else. Behind a proxy n8n must see the caller's",
		'   address: set `N8N_PROXY_HOPS` to the number of proxies in front of it.',
		'4. Give Haptik the URL, the header name and the key (row 9) through their SPOC.',
		'',
		'## Staging\n',
		'- On your machine: `npm start` brings up n8n with this workflow and the sandbox (Sobot and telSpiel emulated, the',
		'  test accounts above). Publish the workflow, then `POST http://localhost:5678/webhook/bot/callback`.',
		'- Next to production: import the workflow a second time, set its Webhook path to `bot/callback-staging`, give it its',
		"  own key (its own Header Auth credential) and your Sobot and telSpiel staging credentials, and publish it. Haptik's",
		'  staging bot calls that URL; staging and production never share a key.',
		'',
		'## Contact (SPOC)\n',
		'Fill in before sending this page to Haptik:',
		'',
		'| role | name | email | phone |',
		'|---|---|---|---|',
		'| technical SPOC for this API | | | |',
		'| escalation | | | |',
		'',

		'## Examples\n',
		'Real answers of the workflow, run by n8n\'s engine against the sandbox:\n',
		...examples,
	].join('\n');
}

/** Every generated file under docs/, by path from the repository root, from the examples as they ran. */
export function renderDocs(captured: Captured[], botAnswers: BotAnswer[]): Map<string, string> {
	const files = new Map<string, string>();
	files.set('docs/reference/bot-callback-api.md', botApiPage(botAnswers));
	for (const entry of SERVICES) {
		files.set(`docs/reference/${entry.key}.md`, servicePage(entry, captured));
		for (const [path, content] of schemaFiles(entry)) files.set(path, content);
	}
	return files;
}
