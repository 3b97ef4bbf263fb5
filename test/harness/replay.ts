/**
 * Replays recorded exchanges against nock, through n8n's own outbound HTTP client: each operation
 * must send the recorded requests and produce the recorded output. The exchanges come from the
 * sandbox (test/harness/capture.ts captures them) or from a live run against a real service
 * (test/live writes them into test/fixtures/live, with the credential to replay them with).
 * (Uploads and downloads need n8n's binary helpers: the engine tests cover them.)
 */
import nock from 'nock';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ServiceError } from '../../nodes/shared/errors';
import { createTransport } from '../../nodes/shared/http';
import { parseInput } from '../../nodes/shared/runner';
import type { Exchange } from '../../sandbox/main';
import { masked } from '../../scripts/reference-docs';
import type { Captured } from './capture';
import { entryOf, exampleName, isAuthPath, operationOf, sandboxCredentials } from './operations';
import { contextOverN8nHttp } from './n8n-http';

/** What is replayed: a captured example, with the credential it was recorded with when not the sandbox's. */
export type ReplayCase = Captured & { credentials?: IDataObject };

const NEEDS_N8N_HELPERS = new Set(['uploadFile', 'sendFile', 'getFile', 'getAgentProfilePhoto', 'uploadAttachment']);
const isAuth = (exchange: Exchange) => isAuthPath(exchange.request.path);
/** Where nock answers for a service; recorded credentials name the same host. */
export const replayHostOf = (service: string) => `https://${service}.example.test`;
/** Matches a recorded path; the query is compared with what was sent, below. */
const samePath = (recorded: string) => (uri: string) => uri.split('?')[0] === recorded.split('?')[0];

function credentialsFor(c: ReplayCase): IDataObject {
	const entry = entryOf(c.example.service);
	if (c.credentials) return { ...c.credentials, ...(c.example.apiVersion ? { apiVersion: c.example.apiVersion } : {}) };
	const nowhere = { serviceUrl: (service: string) => replayHostOf(service) };
	return sandboxCredentials(nowhere, { servicePatternVersion: c.example.apiVersion ?? 'v1' })[entry.service.credentialType as 'telSpielApi'] as IDataObject;
}

function clientFor(c: ReplayCase) {
	const entry = entryOf(c.example.service);
	const operation = operationOf(c.example);
	const http = createTransport(contextOverN8nHttp(), {
		credentialType: entry.service.credentialType,
		serviceName: entry.service.name,
		timeoutMs: 2000,
		retryUnsafe: !operation.sideEffects,
		mapError: entry.service.mapError,
		expirableField: entry.service.expirableField,
		isTokenRefused: entry.service.isTokenRefused,
		retry: { baseDelayMs: 1, maxDelayMs: 5 },
	});
	return entry.service.createClient(http, credentialsFor(c) as never);
}

async function run(c: ReplayCase): Promise<unknown> {
	const operation = operationOf(c.example);
	// As n8n does: a parameter the workflow does not set has its default.
	const defaults = Object.fromEntries(operation.properties.map((property) => [property.name, property.default]));
	const parameters: IDataObject = { ...defaults, ...c.example.parameters };
	const context = { getNodeParameter: (name: string, _i: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback) } as unknown as IExecuteFunctions;
	const result = await operation.run(clientFor(c), parseInput(context, operation, 0), { itemIndex: 0, functions: {} as IExecuteFunctions });
	return (operation.returnsList ? (result as unknown[]) : [result]).map((item) => operation.output.parse(item));
}

/**
 * How a case's requests and output are compared: as the sandbox's, and for a live recording also
 * without ServicePattern's message IDs, which the client makes from the clock and a counter
 * (nextMessageId in nodes/ServicePattern/conversation.ts): a recording's cannot be made again.
 */
const comparable = (c: ReplayCase, text: string) => (c.credentials ? masked(text).replace(/(?<=:)\d{16}\b/g, '<message id>') : masked(text));

export const replayable = (cases: ReplayCase[]) => cases.filter((c) => !NEEDS_N8N_HELPERS.has(c.example.operation));
const label = (c: ReplayCase) => `${exampleName(c.example)}${c.credentials ? ' (recorded live)' : ''}`;

/** What went wrong replaying each case: requests other than recorded, another output, or a failure. */
export async function replayProblems(cases: ReplayCase[]): Promise<string[]> {
	const problems: string[] = [];
	for (const c of replayable(cases)) {
		nock.cleanAll();
		const host = replayHostOf(c.example.service);
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
			const output = await run(c);
			if (comparable(c, JSON.stringify(output)) !== comparable(c, JSON.stringify(c.output.map((item) => ('json' in item && 'binary' in item ? item.json : item))))) {
				problems.push(`${label(c)}: output ${masked(JSON.stringify(output)).slice(0, 200)} ≠ ${masked(JSON.stringify(c.output)).slice(0, 200)}`);
			}
		} catch (error) {
			problems.push(`${label(c)}: ${(error as Error).message}`);
		}
		// ServicePattern's client sends its tenantUrl query itself, so every recorded query is compared.
		const expected = c.exchanges.filter((e) => !isAuth(e)).map((e) => `${e.request.method} ${e.request.path} ${e.request.body}`);
		const actual = sent.filter((line) => !isAuthPath(line.split(' ')[1]));
		if (comparable(c, actual.join('\n')).replace(/ \{\}$/gm, ' ') !== comparable(c, expected.join('\n')).replace(/ \{\}$/gm, ' ')) {
			problems.push(`${label(c)}: sent\n${masked(actual.join('\n'))}\nexpected\n${masked(expected.join('\n'))}`);
		}
		if (!scopes.every((scope) => scope.isDone())) problems.push(`${label(c)}: not every documented request was sent`);
	}
	nock.cleanAll();
	return problems;
}

/** Each documented error of each case's service, answered to its first request: what did not come back as a ServiceError with that status or code. */
export async function documentedErrorProblems(cases: ReplayCase[]): Promise<string[]> {
	const problems: string[] = [];
	for (const c of replayable(cases)) {
		const entry = entryOf(c.example.service);
		const first = c.exchanges.find((e) => !isAuth(e));
		if (!first) continue;
		for (const documented of entry.service.documentedErrors) {
			nock.cleanAll();
			const host = replayHostOf(c.example.service);
			nock(host).get(/^\/api\/get_token/).optionally().reply(200, { ret_code: '000000', item: { token: 'tok-nock', expires_in: 86400 } });
			nock(host).intercept(samePath(first.request.path), first.request.method).times(3).reply(documented.status, documented.body as nock.Body);
			// Sobot answers 900002: the transport reads the credential again, then fetches another token and repeats once.
			nock(host).get(/^\/api\/get_token/).optionally().times(2).reply(200, { ret_code: '000000', item: { token: 'tok-nock-2', expires_in: 86400 } });
			try {
				const output = (await run(c)) as IDataObject[];
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
	nock.cleanAll();
	return problems;
}
