import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A credential's `authenticate` as a function that puts headers on each request. n8n resolves a
 * generic `authenticate` ('={{$credentials.x}}') through its expression engine on every request; in
 * queue mode with the isolated engines that was a third of a worker's CPU (bench/RESULTS.md, queue
 * mode). A function costs nothing and signs the HTTP Request node's requests the same way. The
 * headers may depend on the request (Haptik's agent tool APIs take another token than its Bot API).
 */
export function headerAuthentication(headersOf: (credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) => Record<string, unknown>) {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(headersOf(credentials, requestOptions))) headers[name] = value === undefined || value === null ? '' : String(value);
		return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
	};
}
