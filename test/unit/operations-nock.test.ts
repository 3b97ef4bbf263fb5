/**
 * Every operation's client against nock, through n8n's own outbound HTTP client: the exchanges the
 * sandbox had with n8n (scripts/reference-docs.ts captures them) are replayed, and each operation must
 * send the same requests and produce the same output; then every error its service documents is
 * answered to its first request and must come back as a ServiceError with that status or code.
 * (Uploads and downloads need n8n's binary helpers: the engine tests cover them.)
 */
import nock from 'nock';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ServiceError } from '../../nodes/shared/errors';
import { createTransport } from '../../nodes/shared/http';
import { parseInput } from '../../nodes/shared/runner';
import type { Exchange } from '../../sandbox/main';
import { captureExamples, masked } from '../../scripts/reference-docs';
import type { Captured } from '../../scripts/reference-docs';
import { entryOf, exampleName, isAuthPath, operationOf, sandboxCredentials } from '../harness/operations';
import { contextOverN8nHttp } from '../harness/n8n-http';

const NEEDS_N8N_HELPERS = new Set(['uploadFile', 'sendFile', 'getFile', 'getAgentProfilePhoto']);
const isAuth = (exchange: Exchange) => isAuthPath(exchange.request.path);
const hostOf = (service: string) => `https://${service}.example.test`;
/** Matches a recorded path; the query is compared with what was sent, below. */
const samePath = (recorded: string) => (uri: string) => uri.split('?')[0] === recorded.split('?')[0];

let captured: Captured[];

beforeAll(async () => {
	captured = await captureExamples();
	nock.disableNetConnect();
}, 60_000);
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function clientFor(example: Captured['example']) {
	const entry = entryOf(example.service);
	const operation = operationOf(example);
	const nowhere = { serviceUrl: (service: string) => hostOf(service) };
	const credentials = sandboxCredentials(nowhere, { servicePatternVersion: example.apiVersion ?? 'v1' })[entry.service.credentialType as 'telSpielApi'] as IDataObject;
	const http = createTransport(contextOverN8nHttp(), {
		credentialType: entry.service.credentialType,
		serviceName: entry.service.name,
		timeoutMs: 2000,
		retryUnsafe: !operation.sideEffects,
		mapError: entry.service.mapError,
		retry: { baseDelayMs: 1, maxDelayMs: 5 },
	});
	return entry.service.createClient(http, credentials as never);
}

async function run(example: Captured['example']): Promise<unknown> {
	const operation = operationOf(example);
	// As n8n does: a parameter the workflow does not set has its default.
	const defaults = Object.fromEntries(operation.properties.map((property) => [property.name, property.default]));
	const parameters: IDataObject = { ...defaults, ...example.parameters };
	const context = { getNodeParameter: (name: string, _i: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback) } as unknown as IExecuteFunctions;
	const result = await operation.run(clientFor(example), parseInput(context, operation, 0), { itemIndex: 0, functions: {} as IExecuteFunctions });
	return (operation.returnsList ? (result as unknown[]) : [result]).map((item) => operation.output.parse(item));
}

const replayable = () => captured.filter((c) => !NEEDS_N8N_HELPERS.has(c.example.operation));
const label = (c: Captured) => exampleName(c.example);

test('every operation replays against nock (requests and output as with the sandbox)', async () => {
	const problems: string[] = [];
	for (const c of replayable()) {
		nock.cleanAll();
		const host = hostOf(c.example.service);
		const sent: string[] = [];
		const scopes = c.exchanges.map((exchange) => {
			const status = exchange.reply.status ?? 200;
			const body = exchange.reply.body;
			const interceptor = nock(host).intercept(isAuth(exchange) ? (uri: string) => isAuthPath(uri) : samePath(exchange.request.path), exchange.request.method);
			// A token (Sobot's, Haptik's agent tool's) is cached for the whole file: only the first operation fetches it.
			if (isAuth(exchange)) interceptor.optionally();
			return interceptor.reply(function (_uri, requestBody) {
				sent.push(`${exchange.request.method} ${this.req.path} ${typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody)}`);
				return [status, body as nock.Body, exchange.reply.headers];
			});
		});
		try {
			const output = await run(c.example);
			if (masked(JSON.stringify(output)) !== masked(JSON.stringify(c.output.map((item) => ('json' in item && 'binary' in item ? item.json : item))))) {
				problems.push(`${label(c)}: output ${masked(JSON.stringify(output)).slice(0, 200)} ≠ ${masked(JSON.stringify(c.output)).slice(0, 200)}`);
			}
		} catch (error) {
			problems.push(`${label(c)}: ${(error as Error).message}`);
		}
		// ServicePattern's client sends its tenantUrl query itself, so every recorded query is compared.
		const expected = c.exchanges.filter((e) => !isAuth(e)).map((e) => `${e.request.method} ${e.request.path} ${e.request.body}`);
		const actual = sent.filter((line) => !isAuthPath(line.split(' ')[1]));
		if (masked(actual.join('\n')).replace(/ \{\}$/gm, ' ') !== masked(expected.join('\n')).replace(/ \{\}$/gm, ' ')) {
			problems.push(`${label(c)}: sent\n${masked(actual.join('\n'))}\nexpected\n${masked(expected.join('\n'))}`);
		}
		if (!scopes.every((scope) => scope.isDone())) problems.push(`${label(c)}: not every documented request was sent`);
	}
	expect(problems).toEqual([]);
}, 60_000);

test('every documented error of every operation comes back as a ServiceError with its status or code', async () => {
	const problems: string[] = [];
	for (const c of replayable()) {
		const entry = entryOf(c.example.service);
		const first = c.exchanges.find((e) => !isAuth(e));
		if (!first) continue;
		for (const documented of entry.service.documentedErrors) {
			nock.cleanAll();
			const host = hostOf(c.example.service);
			nock(host).get(/^\/api\/get_token/).optionally().reply(200, { ret_code: '000000', item: { token: 'tok-nock', expires_in: 86400 } });
			nock(host).intercept(samePath(first.request.path), first.request.method).times(3).reply(documented.status, documented.body as nock.Body);
			// Sobot answers 900002 once with a fresh token: the client fetches another and repeats once.
			nock(host).get(/^\/api\/get_token/).optionally().times(2).reply(200, { ret_code: '000000', item: { token: 'tok-nock-2', expires_in: 86400 } });
			try {
				const output = (await run(c.example)) as IDataObject[];
				// For Get Active Chat, 404 is the documented "no chat" answer, not an error.
				if (c.example.operation === 'getActiveChat' && documented.status === 404 && output[0].active === false) continue;
				problems.push(`${label(c)}: ${documented.status} ${documented.code ?? ''} was taken for success`);
			} catch (error) {
				const ok =
					error instanceof ServiceError &&
					((documented.code !== undefined && error.code === documented.code) || (documented.status !== 200 && error.httpCode === documented.status));
				if (!ok) problems.push(`${label(c)}: ${documented.status} ${documented.code ?? ''} → ${(error as Error).name}: ${(error as Error).message} (${String((error as ServiceError).httpCode)}, ${String((error as ServiceError).code)})`);
			}
		}
	}
	expect(problems).toEqual([]);
}, 120_000);
