import 'reflect-metadata';

import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A context whose httpRequestWithAuthentication is n8n's own outbound HTTP client plus a header, as a
 * credential adds; the credential the transport reads is `credentials`.
 */
export function contextOverN8nHttp(headers: Record<string, string> = {}, credentials: Record<string, unknown> = {}): IExecuteFunctions {
	return {
		getCredentials: async () => credentials,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) =>
				await Container.get(OutboundHttp)
					.requests()
					.request({ ...options, headers: { ...options.headers, ...headers } }),
		},
	} as unknown as IExecuteFunctions;
}
