/** n8n's credential store and its Test button, as the n8n CLI runs them, over test credentials. */
import {
	ExecuteContext,
	RoutingNode,
} from 'n8n-core';
import { ICredentialsHelper, Workflow, createRunExecutionData, isExpression } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { loadPackage } from './package';
import { baseAdditionalData } from './additionalData';

/**
 * Stands in for n8n's credential store: returns test credentials by type and authenticates
 * requests the way the n8n CLI's CredentialsHelper does, including generic `authenticate`
 * (expressions resolved with $credentials) and `preAuthentication` for expirable fields.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties() {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialTypes[typeName];
		const { authenticate } = type;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value: unknown) =>
			isExpression(value)
				? workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		const options = requestOptions as unknown as Record<string, IDataObject>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			options[outerKey] ??= {};
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				options[outerKey][resolve(key) as string] = resolve(value) as IDataObject[string];
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// As n8n's CredentialsHelper: the Test button's temporary node always signs in. (A field not set at
		// all counts as empty here: n8n fills in a credential's defaults, these test credentials may lack them.)
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired && !isTestingCredentials) {
			return undefined;
		}
		const output = await type.preAuthentication.call(helpers, credentials);
		// n8n stores and hands back only an answer that holds the expirable field; otherwise nothing.
		if (output?.[expirable.name] === undefined) return undefined;
		Object.assign(this.credentials[typeName], output);
		return output as ICredentialDataDecryptedObject;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (!this.credentials[type]) throw new Error(`No test credentials of type ${type}`);
		return { ...this.credentials[type] };
	}

	async getCredentials(): Promise<never> {
		throw new Error('Not available in tests');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}


export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The credential's Test button, done the way n8n's CredentialsTester does it (n8n/dist/services/
 * credentials-tester.service.js): a temporary node whose only property routes the credential's test
 * request, run by n8n-core's RoutingNode, then the test's rules applied to the outcome.
 */
export async function testCredential(typeName: string, data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const { credentialTypes } = await loadPackage();
	const testRequest = credentialTypes[typeName].test;
	if (!testRequest) throw new Error(`${typeName} has no test`);
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [typeName]: { id: 'temp', name: 'temp' } },
	};
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	} as unknown as INodeType;
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = baseAdditionalData({
		credentialsHelper: new TestCredentialsHelper(credentialTypes, { [typeName]: data }),
		currentNodeParameters: node.parameters,
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, { id: 'temp', name: 'temp', type: typeName, data });
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const status = (error as { cause?: { response?: { status: number } } }).cause?.response?.status;
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'Error', message: status ? `Received HTTP status code: ${status}` : (error as Error).message };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json ?? {};
			if ((body as IDataObject)[rule.properties.key] === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
