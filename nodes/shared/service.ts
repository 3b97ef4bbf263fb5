import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { Redactor } from './errors';
import { createTransport } from './http';
import type { ErrorMapper, HttpClient, HttpResponse, RequestContext } from './http';
import { DEFAULT_TIMEOUT_MS } from './requestOptions';

/** An error answer the service documents; the reference lists it with the message the node then gives. */
export interface DocumentedError {
	status: number;
	/** The service's own code, where it has one. */
	code?: string;
	/** What the service sends back. */
	body: unknown;
	when: string;
}

/**
 * A service as every part of the package sees it (nodes, triggers, load-options methods, docs): its
 * credential, how to build its client, how its errors read.
 */
export interface Service<Client> {
	/** The service's name as users know it; errors say "<name> answered with HTTP 500". */
	name: string;
	credentialType: string;
	/** Credential fields whose values are redacted from every error and output. */
	secretFields: readonly string[];
	createClient(http: HttpClient, credentials: ICredentialDataDecryptedObject): Client;
	/**
	 * The client puts the credential on each request itself; n8n's `authenticate` is then not used.
	 * For a service followed by long-running triggers: after activation n8n cannot resolve a
	 * credential's expressions for them (its expression isolate is lent only while it activates).
	 */
	clientSignsRequests?: boolean;
	/** The credential's expirable token field, which the client may ask the transport to renew. */
	expirableField?: string;
	mapError?: ErrorMapper;
	/** Statuses after which n8n should log in again (see TransportOptions). */
	authRefreshStatuses?: number[];
	/** How the service says "this token is no longer good" inside a success answer (see TransportOptions). */
	isTokenRefused?: (response: HttpResponse) => boolean;
	/** How the credential authenticates, step by step (the reference docs' "Authentication"). */
	authSteps: string[];
	documentedErrors: DocumentedError[];
}

export function defineService<Client>(service: Service<Client>): Service<Client> {
	return service;
}

/**
 * A service's client for any n8n context (an execution, a load-options call, a trigger, a webhook),
 * with the redactor that knows the credential's secrets.
 */
export async function createServiceClient<Client>(
	context: RequestContext,
	service: Service<Client>,
	options: { timeoutMs?: number; retryUnsafe?: boolean } = {},
): Promise<{ client: Client; redactor: Redactor; credentials: ICredentialDataDecryptedObject }> {
	const credentials = await context.getCredentials(service.credentialType);
	const redactor = new Redactor(service.secretFields.map((field) => credentials[field] as string | undefined));
	const http = createTransport(context, {
		credentialType: service.clientSignsRequests ? undefined : service.credentialType,
		expirableField: service.expirableField,
		serviceName: service.name,
		timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		retryUnsafe: options.retryUnsafe ?? true,
		mapError: service.mapError,
		authRefreshStatuses: service.authRefreshStatuses,
		isTokenRefused: service.isTokenRefused,
	});
	return { client: service.createClient(http, credentials), redactor, credentials };
}
