import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A credential's `authenticate` as a function that puts headers on each request. n8n resolves a
 * generic `authenticate` ('={{$credentials.x}}') through its expression engine on every request; in
 * queue mode with the isolated engines that was a third of a worker's CPU (bench/RESULTS.md, queue
 * mode). A function costs nothing and signs the HTTP Request node's requests the same way.
 */
export function headerAuthentication(headersOf: (credentials: ICredentialDataDecryptedObject) => Record<string, unknown>) {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(headersOf(credentials))) headers[name] = value === undefined || value === null ? '' : String(value);
		return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
	};
}
