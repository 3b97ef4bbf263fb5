import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parseAnswer } from './answers';
import { errorItemJson, toNodeError } from './errors';
import { expected, inputError } from './inputErrors';
import type { Issue } from './inputErrors';
import type { Operation, ServiceActions } from './operation';
import { runPool } from './pool';
import { REQUEST_OPTIONS, requestOptionsSchema } from './requestOptions';
import { createServiceClient } from './service';

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
	throw inputError(operation.properties, result.error.issues as Issue[], parameters, itemIndex);
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

/** True when an AI agent or an MCP client runs the node as a tool (n8n's "…Tool" version of it). */
function runsAsTool(context: IExecuteFunctions): boolean {
	const node = context.getNode();
	return node.rewireOutputLogTo === 'ai_tool' || node.type.endsWith('Tool');
}

/**
 * The error an AI agent or MCP client receives: n8n hands them only an error's message, so for them
 * the message also says what was expected (the description), and not which item (there is one).
 */
function forTool(context: IExecuteFunctions, error: Error): Error {
	const description = (error as { description?: string | null }).description;
	const message = error.message.replace(/ \[item \d+\]$/, '');
	return new NodeOperationError(context.getNode(), description ? `${message}. ${description}` : message, { description: description ?? undefined, itemIndex: 0 });
}

/**
 * The whole execute() of every node: validates every item's parameters before any request, runs the
 * items with bounded concurrency, keeps input order and pairing, and applies Continue On Fail.
 */
export async function runOperations<Client>(
	this: IExecuteFunctions,
	actions: ServiceActions<Client>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = actions.operations.find(
		(candidate) => candidate.resource === resource && candidate.value === operationValue,
	);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationValue}" of "${resource}" is not known`, {
			itemIndex: 0,
		});
	}
	const optionsResult = requestOptionsSchema().safeParse(this.getNodeParameter(REQUEST_OPTIONS, 0, {}));
	if (!optionsResult.success) {
		const issue = optionsResult.error.issues[0] as Issue;
		throw new NodeOperationError(this.getNode(), `Invalid value for "Request Options > ${String(issue.path[0])}"`, {
			description: expected(issue),
			itemIndex: 0,
		});
	}
	const options = optionsResult.data;

	const { client, redactor } = await createServiceClient(this, actions.service, {
		timeoutMs: options.timeout,
		retryUnsafe: !operation.sideEffects,
	});
	const continueOnFail = this.continueOnFail();
	const asTool = runsAsTool(this);
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
			failure = { itemIndex, error: asTool ? forTool(this, nodeError) : nodeError };
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
