import type { RecordedRequest, Reply } from './http';

export const TELSPIEL_USERNAME = 'sandbox-user';
export const TELSPIEL_API_KEY = 'sandbox-telspiel-key-0001';

export interface TelSpielState {
	/** Calls accepted, in order: what a real account would now be ringing. */
	calls: Array<{ agent_phone: string; customer_phone: string; campaign_name?: string }>;
}

export function newTelSpielState(): TelSpielState {
	return { calls: [] };
}

/** telSpiel's Click To Call API as its user guide (a PDF, quoted in docs/sources.md#telspiel-endpoint and the entries after it) describes it. */
export function telSpielSandbox(state: TelSpielState) {
	return (request: RecordedRequest): Reply => {
		// One endpoint, POST /api/click-to-call (sources.md#telspiel-endpoint). Any other path: the web server's 404 page (a guess).
		if (new URL(request.path, 'http://x').pathname !== '/api/click-to-call' || request.method !== 'POST') {
			return { status: 404, body: '<html>Not Found</html>' };
		}
		const body = request.json() as Record<string, string | undefined>;
		// 403 for a wrong api-key header or username (sources.md#telspiel-forbidden); checked before the body: a guess.
		if (request.headers['api-key'] !== TELSPIEL_API_KEY || body.username !== TELSPIEL_USERNAME) {
			return { status: 403, body: { code: 403, status: 'forbidden', message: 'Username or api key is invalid' } };
		}
		// 422 with `errors` as a JSON string (sources.md#telspiel-invalid). Both numbers are Numeric (sources.md#telspiel-parameters):
		// the "must be numeric" wording for other values is a guess.
		const errors: Record<string, string[]> = {};
		if (!body.agent_phone) errors.agent_phone = ['Agent phone is required'];
		else if (!/^\d+$/.test(body.agent_phone)) errors.agent_phone = ['Agent phone must be numeric'];
		if (!body.customer_phone) errors.customer_phone = ['Customer phone is required'];
		else if (!/^\d+$/.test(body.customer_phone)) errors.customer_phone = ['Customer phone must be numeric'];
		if (Object.keys(errors).length > 0) {
			return { status: 422, body: { code: 422, status: 'invalid', message: 'Invalid data', errors: JSON.stringify(errors) } };
		}
		state.calls.push({ agent_phone: body.agent_phone!, customer_phone: body.customer_phone!, campaign_name: body.campaign_name });
		// Success answer: sources.md#telspiel-success.
		return { body: { code: 200, status: 'success', message: 'Data successfully submitted for call.' } };
	};
}
