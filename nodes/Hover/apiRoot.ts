/**
 * Hover's API root from the credential's Base URL. Hover's docs write the host with `/api`
 * (https://www.usehover.com/api); the other credentials take a bare host, so both are accepted.
 */
export function hoverApiRoot(baseUrl: string): string {
	const trimmed = baseUrl.trim().replace(/\/+$/, '');
	return trimmed.endsWith('/api') ? trimmed : `${trimmed}/api`;
}

/** The same, as an n8n expression over the credential (for the credential's Test request). */
export const HOVER_API_ROOT_EXPRESSION = '={{ $credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/api$/, "") + "/api" }}';
