/**
 * Thousands of random parameter sets per operation: each ends in a validation error that names the
 * field and the item, or in well-formed requests (valid URL under the credential's base URL, no
 * "undefined", "NaN" or "[object Object]" in it, a JSON body without NaN or Infinity); never in an
 * uncaught exception such as a TypeError.
 */
import fc from 'fast-check';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, ServiceError } from '../../nodes/shared/errors';
import type { HttpClient, HttpRequest } from '../../nodes/shared/http';
import { parseInput } from '../../nodes/shared/runner';
import { EXAMPLES, entryOf, operationOf, sandboxCredentials } from '../harness/operations';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const ITEM = 3;
const nowhere = { serviceUrl: (service: string) => `http://127.0.0.1:9/${service}` };

const text = fc.oneof(
	{ weight: 4, arbitrary: fc.string() },
	{ weight: 2, arbitrary: fc.stringMatching(/^\+?[0-9 ()-]{0,18}$/) },
	{ weight: 1, arbitrary: fc.constantFrom('', ' ', 'undefined', 'null', '{}', '[]', '{"a":1}', '../../etc', '%00', 'a&b=c', '😀', '1e400') },
);
const anything = fc.anything({ maxDepth: 2 });

/** Values shaped like what n8n would hand the node for this parameter, mixed with anything at all. */
function valueOf(property: INodeProperties): fc.Arbitrary<unknown> {
	const typed = ((): fc.Arbitrary<unknown> => {
		switch (property.type) {
			case 'options': {
				const values = ((property.options ?? []) as Array<{ value: unknown }>).map((o) => o.value);
				return values.length > 0 ? fc.oneof(fc.constantFrom(...values), text) : text;
			}
			case 'multiOptions':
				return fc.array(fc.oneof(text, fc.integer().map(String)), { maxLength: 4 });
			case 'number':
				return fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e15, Number.NaN, Number.POSITIVE_INFINITY));
			case 'boolean':
				return fc.boolean();
			case 'dateTime':
				return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), text);
			case 'resourceLocator':
				return fc.record({ __rl: fc.constant(true), mode: fc.constantFrom('id', 'list', 'url'), value: text });
			case 'collection':
				return fc.record(
					Object.fromEntries(((property.options ?? []) as INodeProperties[]).map((option) => [option.name, valueOf(option)])),
					{ requiredKeys: [] },
				);
			case 'fixedCollection':
				return fc.record(
					Object.fromEntries(
						((property.options ?? []) as Array<{ name: string; values: INodeProperties[] }>).map((group) => [
							group.name,
							fc.array(fc.record(Object.fromEntries(group.values.map((v) => [v.name, valueOf(v)])), { requiredKeys: [] }), { maxLength: 3 }),
						]),
					),
					{ requiredKeys: [] },
				);
			default:
				return text;
		}
	})();
	return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: anything });
}

/** Random parameters: each one either the working example's value, a random value, or left out. */
function parametersFor(properties: INodeProperties[], example: IDataObject): fc.Arbitrary<IDataObject> {
	const fields = properties.filter((p) => p.type !== 'notice');
	return fc
		.tuple(
			...fields.map((property) =>
				fc.oneof(
					{ weight: 3, arbitrary: fc.constant({ keep: true as const }) },
					{ weight: 1, arbitrary: fc.constant({ drop: true as const }) },
					{ weight: 2, arbitrary: valueOf(property).map((value) => ({ value })) },
				),
			),
		)
		.map((choices) => {
			const parameters: IDataObject = {};
			fields.forEach((property, index) => {
				const choice = choices[index] as { keep?: true; drop?: true; value?: unknown };
				if (choice.keep && property.name in example) parameters[property.name] = example[property.name];
				else if ('value' in choice) parameters[property.name] = choice.value as IDataObject[string];
			});
			return parameters;
		});
}

/** Answers just enough for each client to get on to its next request. */
function plausibleAnswer(request: HttpRequest): unknown {
	if (request.url.includes('/get_token')) return { ret_code: '000000', item: { token: 'fuzz-token', expires_in: 86400 } };
	if (request.url.includes('/chats/active')) return { chat_id: 'chat-1' };
	if (request.url.includes('sobot')) return { ret_code: '000000', item: {}, items: [] };
	return {};
}

const BAD_TOKENS = ['undefined', 'NaN', '[object Object]'];

/** Flaws in a request; a token the user typed in (an ID "undefined") is theirs to send. */
function wellFormed(request: HttpRequest, baseUrl: string, typed: string): string | undefined {
	const bad = BAD_TOKENS.filter((token) => !typed.includes(token));
	const hasBad = (value: string) => bad.some((token) => value.includes(token));
	if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'].includes(request.method)) return `method ${request.method}`;
	let url: URL;
	try {
		url = new URL(request.url);
	} catch {
		return `URL ${request.url}`;
	}
	if (!url.href.startsWith(new URL(baseUrl).href.replace(/\/$/, ''))) return `URL ${url.href} outside ${baseUrl}`;
	if (hasBad(decodeURIComponent(url.pathname)) || hasBad(decodeURIComponent(url.search))) return `URL ${url.href}`;
	if (request.body !== undefined && !Buffer.isBuffer(request.body) && typeof request.body !== 'string' && !(typeof (request.body as { pipe?: unknown }).pipe === 'function')) {
		const numbers: number[] = [];
		const body = JSON.stringify(request.body, (_key, value: unknown) => {
			if (typeof value === 'number') numbers.push(value);
			return value;
		});
		if (numbers.some((n) => !Number.isFinite(n))) return `body with ${numbers.find((n) => !Number.isFinite(n))}: ${body}`;
		if (hasBad(body.replace(/"undefined"/g, ''))) return `body ${body}`;
	}
	return undefined;
}

/** n8n's helpers are not there: an operation that needs them (files) stops with this, after validation. */
const noHelpers = new Proxy({}, {
	get: () => {
		throw new ServiceError('fuzz: no n8n helpers here');
	},
}) as IExecuteFunctions;

describe.each(EXAMPLES.map((example) => [`${example.service} ${example.resource}.${example.operation}`, example] as const))('%s', (_name, example) => {
	test(`${RUNS} random parameter sets: a named validation error or well-formed requests, never a crash`, async () => {
		const operation = operationOf(example);
		const entry = entryOf(example.service);
		const credentials = sandboxCredentials(nowhere, { servicePatternVersion: example.apiVersion ?? 'v1' })[entry.service.credentialType as 'telSpielApi'];
		const baseUrl = String(credentials.baseUrl);
		let validated = 0;
		let sent = 0;
		await fc.assert(
			fc.asyncProperty(parametersFor(operation.properties, example.parameters), async (parameters) => {
				const context = {
					getNodeParameter: (name: string, _item: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
				} as unknown as IExecuteFunctions;
				let input: unknown;
				try {
					input = parseInput(context, operation, ITEM);
				} catch (error) {
					expect(error).toBeInstanceOf(InputError);
					expect((error as Error).message).toMatch(new RegExp(`^Invalid value for ".+" \\[item ${ITEM}\\]$`));
					// "<field>: <what was expected>, got <what was given>." for each problem.
					expect((error as InputError).description.split('\n')[0]).toMatch(/^.+: .+, got .+\.$/s);
					return;
				}
				validated++;
				const requests: HttpRequest[] = [];
				const http: HttpClient = {
					request: async <T>(request: HttpRequest) => {
						requests.push(request);
						return { status: 200, headers: {}, body: plausibleAnswer(request) as T };
					},
				};
				const client = entry.service.createClient(http, credentials as never);
				try {
					await operation.run(client, input, { itemIndex: ITEM, functions: noHelpers });
				} catch (error) {
					// The answers above are not the real ones: the operation may say so, as a clear error.
					if (!(error instanceof ServiceError || error instanceof InputError)) throw error;
				}
				sent += requests.length;
				const typed = JSON.stringify(parameters) ?? '';
				for (const request of requests) expect([request.url, wellFormed(request, baseUrl, typed)]).toEqual([request.url, undefined]);
			}),
			{ numRuns: RUNS },
		);
		// The generator must reach past validation, or this only tests the validator.
		expect(validated).toBeGreaterThan(RUNS / 50);
		// An upload reads its file through n8n's helpers, which this test does not have.
		if (!example.file) expect(sent).toBeGreaterThan(0);
	}, 60_000);
});
