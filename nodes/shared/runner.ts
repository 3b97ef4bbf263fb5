import { NodeOperationError } from 'n8n-workflow';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { z } from 'zod/v4';

import { expected, parseAnswer } from './answers';
import type { Issue } from './answers';
import { InputError, Redactor, errorItemJson, toNodeError } from './errors';
import { boundedInteger } from './fields';
import { DEFAULT_TIMEOUT_MS, createTransport } from './http';
import type { RequestContext } from './http';
import { REQUEST_OPTIONS } from './operation';
import type { Operation, Service } from './operation';

const requestOptionsSchema = z.object({
	concurrency: boundedInteger(1, 50, 5),
	timeout: boundedInteger(1000, 600_000, DEFAULT_TIMEOUT_MS),
});

function displayNameOf(properties: INodeProperties[], path: PropertyKey[]): string {
	const names: string[] = [];
	let level: Array<{ name: string; displayName: string; options?: unknown }> = properties;
	for (const key of path) {
		const found = level.find((property) => property.name === key);
		if (!found) break;
		names.push(found.displayName);
		level = Array.isArray(found.options) ? (found.options as typeof level) : [];
	}
	return names.join(' > ') || path.join('.');
}

function received(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === '') return 'an empty value';
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
	let current = data;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<PropertyKey, unknown>)[key];
	}
	return current;
}

/** Reads the operation's parameters for one item and validates them, naming the field, the item and what was expected. */
export function parseInput<Client>(
	context: IExecuteFunctions,
	operation: Operation<Client>,
	itemIndex: number,
): unknown {
	const parameters: IDataObject = {};
	for (const property of operation.properties) {
		if (property.type === 'notice') continue;
		// A parameter hidden by its display options is absent; n8n needs a fallback other than undefined to say so.
		const value = context.getNodeParameter(property.name, itemIndex, null) as IDataObject[string];
		if (value !== null) parameters[property.name] = value;
	}
	const result = operation.input.safeParse(parameters);
	if (result.success) return result.data;
	const issues = result.error.issues as Issue[];
	const [first] = issues;
	const field = displayNameOf(operation.properties, first.path);
	const details = issues.map((issue) => {
		const name = displayNameOf(operation.properties, issue.path);
		return `${name}: ${expected(issue)}, got ${received(valueAt(parameters, issue.path))}.`;
	});
	throw new InputError(`Invalid value for "${field}" [item ${itemIndex}]`, details.join('\n'));
}

function toOutputItems<Client>(
	operation: Operation<Client>,
	result: unknown,
	itemIndex: number,
): INodeExecutionData[] {
	const values = operation.returnsList ? (Array.isArray(result) ? result : [result]) : [result];
	return values.map((result) => {
		const { json: value, binary } = operation.binaryOutput
			? (result as { json: unknown; binary?: IBinaryKeyData })
			: { json: result, binary: undefined };
		const parsed = parseAnswer(operation.output, value);
		return { json: parsed as IDataObject, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } };
	});
}

/** Runs `task(0..count-1)` with at most `limit` at once; stops starting new ones once `stop()` says so. */
async function runPool(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
	stop: () => boolean,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !stop()) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/**
 * A service's client for any n8n context (an execution, a load-options call, a trigger), with the
 * redactor that knows the credential's secrets.
 */
export async function createServiceClient<Client>(
	context: RequestContext,
	service: Service<Client>,
	options: { timeoutMs?: number; retryUnsafe?: boolean } = {},
): Promise<{ client: Client; redactor: Redactor; credentials: ICredentialDataDecryptedObject }> {
	const credentials = await context.getCredentials(service.credentialType);
	const redactor = new Redactor(service.secretFields.map((field) => credentials[field] as string | undefined));
	const http = createTransport(context, {
		credentialType: service.credentialType,
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		retryUnsafe: options.retryUnsafe ?? true,
		mapError: service.mapError,
		authRefreshStatuses: service.authRefreshStatuses,
	});
	return { client: service.createClient(http, credentials), redactor, credentials };
}

/**
 * The whole execute() of every node: validates every item's parameters before any request, runs the
 * items with bounded concurrency, keeps input order and pairing, and applies Continue On Fail.
 */
export async function runOperations<Client>(
	this: IExecuteFunctions,
	service: Service<Client>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = service.operations.find(
		(candidate) => candidate.resource === resource && candidate.value === operationValue,
	);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationValue}" of "${resource}" is not known`, {
			itemIndex: 0,
		});
	}
	const optionsResult = requestOptionsSchema.safeParse(this.getNodeParameter(REQUEST_OPTIONS, 0, {}));
	if (!optionsResult.success) {
		const issue = optionsResult.error.issues[0] as Issue;
		throw new NodeOperationError(this.getNode(), `Invalid value for "Request Options > ${String(issue.path[0])}"`, {
			description: expected(issue),
			itemIndex: 0,
		});
	}
	const options = optionsResult.data;

	const { client, redactor } = await createServiceClient(this, service, {
		timeoutMs: options.timeout,
		retryUnsafe: !operation.sideEffects,
	});
	const continueOnFail = this.continueOnFail();
	// n8n routes an item to the error output only when its json holds nothing but error, message and
	// details (an item carrying `error` itself would be cut down to the message alone).
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const outputs: INodeExecutionData[][] = new Array(items.length);
	let failure: { itemIndex: number; error: Error } | undefined;

	const fail = (itemIndex: number, error: unknown) => {
		const nodeError = toNodeError(this.getNode(), error, itemIndex, redactor);
		if (continueOnFail) {
			const { error: message, ...details } = errorItemJson(nodeError);
			const json = toErrorOutput ? { error: message, details } : { error: message, ...details };
			outputs[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
		} else if (!failure || itemIndex < failure.itemIndex) {
			failure = { itemIndex, error: nodeError };
		}
	};

	// Every item is validated before any request, so one bad item never leaves the others half sent.
	const inputs: unknown[] = new Array(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			inputs[itemIndex] = parseInput(this, operation, itemIndex);
		} catch (error) {
			fail(itemIndex, error);
			if (failure) throw failure.error;
		}
	}

	await runPool(
		items.length,
		options.concurrency,
		async (itemIndex) => {
			if (outputs[itemIndex]) return;
			try {
				const result = await operation.run(client, inputs[itemIndex], { itemIndex, functions: this });
				outputs[itemIndex] = toOutputItems(operation, result, itemIndex);
			} catch (error) {
				fail(itemIndex, error);
			}
		},
		() => failure !== undefined,
	);
	if (failure) throw failure.error;
	return [outputs.flat()];
}
