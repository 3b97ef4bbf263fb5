import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { ErrorMapper, HttpClient } from './http';

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

export function defineOperation<Client, Input extends z.ZodType, Output extends z.ZodType>(operation: {
	resource: string;
	value: string;
	name: string;
	description: string;
	action: string;
	properties: INodeProperties[];
	input: Input;
	output: Output;
	sideEffects: boolean;
	returnsList?: boolean;
	binaryOutput?: boolean;
	/** Returns the service's answer; the runner validates it with `output` (a list when `returnsList`). */
	run(client: Client, input: z.output<Input>, context: OperationContext): Promise<unknown>;
}): Operation<Client> {
	return operation;
}

export interface Resource {
	value: string;
	name: string;
	description?: string;
}

/** An error answer the service documents; the reference lists it with the message the node then gives. */
export interface DocumentedError {
	status: number;
	/** The service's own code, where it has one. */
	code?: string;
	/** What the service sends back. */
	body: unknown;
	when: string;
}

/** A service as the runner sees it: its credential, how to build its client, and its operations. */
export interface Service<Client> {
	credentialType: string;
	/** Credential fields whose values are redacted from every error and output. */
	secretFields: readonly string[];
	createClient(http: HttpClient, credentials: ICredentialDataDecryptedObject): Client;
	mapError?: ErrorMapper;
	/** Statuses after which n8n should log in again (see TransportOptions). */
	authRefreshStatuses?: number[];
	resources: Resource[];
	operations: Array<Operation<Client>>;
	/** How the credential authenticates, step by step (the reference docs' "Authentication"). */
	authSteps: string[];
	documentedErrors: DocumentedError[];
}

export function defineService<Client>(service: Service<Client>): Service<Client> {
	return service;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export const REQUEST_OPTIONS = 'requestOptions';

/** Options every operation has: how many items run at once and how long a request may take. */
const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: REQUEST_OPTIONS,
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description: 'How many items are sent to the service at the same time',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description: 'How long to wait for the service to answer one request, in milliseconds',
		},
	],
};

/**
 * The node's parameters, generated from its operations: a resource picker, an operation picker per
 * resource, each operation's own parameters shown only for it, and the shared request options.
 */
export function describeOperations<Client>(service: Service<Client>): INodeProperties[] {
	const known = new Set(service.resources.map((resource) => resource.value));
	for (const operation of service.operations) {
		if (!known.has(operation.resource)) {
			throw new Error(`Operation "${operation.value}" names unknown resource "${operation.resource}"`);
		}
	}
	const resources = [...service.resources].sort(byName);
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value, description }) => ({ name, value, description })),
			default: resources[0].value,
		},
	];
	for (const resource of resources) {
		const operations = service.operations.filter((operation) => operation.resource === resource.value);
		const options: INodePropertyOptions[] = operations
			.map(({ name, value, description, action }) => ({ name, value, description, action }))
			.sort(byName);
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: options[0].value,
		});
	}
	for (const operation of service.operations) {
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
	properties.push(requestOptions);
	return properties;
}
