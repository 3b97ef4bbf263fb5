import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { requestOptionsProperty } from './requestOptions';
import type { Service } from './service';

/** What an operation may use besides its client: which item it runs for, and n8n's helpers. */
export interface OperationContext {
	itemIndex: number;
	functions: IExecuteFunctions;
}

/** Everything about one operation, in one place: its UI, its input and output schemas and its behaviour. */
export interface Operation<Client> {
	/** Resource value this operation belongs to (`call`, `chat`, ...). */
	resource: string;
	/** Operation value, unique within the resource. */
	value: string;
	/** Title Case name shown in the operation picker. */
	name: string;
	/** Sentence-case description shown under the name. */
	description: string;
	/** What the operation does, as n8n shows it in the actions list (e.g. "Start a click to call"). */
	action: string;
	/** The parameters shown for this operation only; displayOptions for it are added by describeOperations. */
	properties: INodeProperties[];
	/** Validates and normalises the parameters, keyed by parameter name. */
	input: z.ZodType;
	/** Validates the json of each output item; unknown extra fields are kept. */
	output: z.ZodType;
	/** True when sending the request twice could do something twice (a call rung twice). Never retried once sent. */
	sideEffects: boolean;
	/** True when run returns a list that becomes one output item per element. */
	returnsList?: boolean;
	/** True when run returns `{ json, binary }`: json is validated with `output`, binary passed on. */
	binaryOutput?: boolean;
	run(client: Client, input: unknown, context: OperationContext): Promise<unknown>;
}

/** An operation as written: `run` sees the input its schema produced. */
type OperationDefinition<Client, Input extends z.ZodType, Output extends z.ZodType> = Omit<Operation<Client>, 'input' | 'output' | 'run'> & {
	input: Input;
	output: Output;
	/** Returns the service's answer; the runner validates it with `output` (a list when `returnsList`). */
	run(client: Client, input: z.output<Input>, context: OperationContext): Promise<unknown>;
};

export function defineOperation<Client, Input extends z.ZodType, Output extends z.ZodType>(
	operation: OperationDefinition<Client, Input, Output>,
): Operation<Client> {
	return operation as Operation<Client>;
}

export interface Resource {
	value: string;
	name: string;
	description?: string;
}

/** What a node offers: the service it talks to, its resources and their operations. */
export interface ServiceActions<Client> {
	service: Service<Client>;
	resources: Resource[];
	operations: Array<Operation<Client>>;
}

export function defineActions<Client>(actions: ServiceActions<Client>): ServiceActions<Client> {
	return actions;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/**
 * The node's parameters, generated from its operations: a resource picker, an operation picker per
 * resource, each operation's own parameters shown only for it, and the shared request options.
 */
export function describeOperations<Client>(actions: ServiceActions<Client>): INodeProperties[] {
	const known = new Set(actions.resources.map((resource) => resource.value));
	for (const operation of actions.operations) {
		if (!known.has(operation.resource)) {
			throw new Error(`Operation "${operation.value}" names unknown resource "${operation.resource}"`);
		}
	}
	const resources = [...actions.resources].sort(byName);
	// Plain names for the defaults: n8n's lint cannot read a computed one (resources[0].value).
	const firstResource = resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value, description }) => ({ name, value, description })),
			default: firstResource,
		},
	];
	for (const resource of resources) {
		const operations = actions.operations.filter((operation) => operation.resource === resource.value);
		const options: INodePropertyOptions[] = operations
			.map(({ name, value, description, action }) => ({ name, value, description, action }))
			.sort(byName);
		const firstOperation = options[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: firstOperation,
		});
	}
	for (const operation of actions.operations) {
		const show = { resource: [operation.resource], operation: [operation.value] };
		for (const property of operation.properties) {
			properties.push({
				...property,
				displayOptions: {
					...property.displayOptions,
					show: { ...property.displayOptions?.show, ...show },
				},
			});
		}
	}
	properties.push(requestOptionsProperty);
	return properties;
}
