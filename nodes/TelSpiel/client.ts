import { ServiceError, fieldErrorsOf } from '../shared/errors';
import type { HttpClient, HttpError } from '../shared/http';
import { telSpielBody } from './schemas';

export interface TelSpielSettings {
	baseUrl: string;
	username: string;
}

export interface ClickToCallRequest {
	agentPhone: string;
	customerPhone: string;
	campaignName?: string;
}

/** telSpiel's documented error answers (403, 422) as ServiceErrors; anything else is left to the transport. */
export function telSpielError(httpCode: number | undefined, body: unknown): ServiceError | undefined {
	const parsed = telSpielBody.safeParse(body);
	if (!parsed.success) return undefined;
	const code = parsed.data.code ?? httpCode;
	if (code === 403) {
		return new ServiceError('Username or API key is invalid', {
			httpCode: httpCode ?? 403,
			code: parsed.data.status ?? 'forbidden',
			description:
				'Check the username and API key of the telSpiel credential. telSpiel also answers this when the user or its licence is not active.',
			body,
		});
	}
	if (code === 422) {
		const fields = fieldErrorsOf(parsed.data.errors);
		return new ServiceError(`telSpiel rejected the request: ${parsed.data.message ?? 'Invalid data'}`, {
			httpCode: httpCode ?? 422,
			code: parsed.data.status ?? 'invalid',
			fields,
			body,
		});
	}
	if (httpCode !== undefined && httpCode < 300 && code !== undefined && code !== 200) {
		return new ServiceError(`telSpiel answered: ${parsed.data.message ?? `code ${code}`}`, {
			httpCode,
			code: parsed.data.status,
			body,
		});
	}
	return undefined;
}

export function mapTelSpielError(failure: HttpError): ServiceError | undefined {
	if (failure.kind !== 'status') return undefined;
	return telSpielError(failure.response?.status, failure.response?.body);
}

/** telSpiel's Click To Call API. Knows nothing of n8n: it speaks through the HttpClient it is given. */
export class TelSpielClient {
	private readonly baseUrl: string;

	constructor(
		private readonly http: HttpClient,
		private readonly settings: TelSpielSettings,
	) {
		this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
	}

	/** Creates a Click To Call job: telSpiel rings the agent, then bridges the customer. */
	async clickToCall(request: ClickToCallRequest): Promise<unknown> {
		// Sent in the order the guide lists the fields; it asks for that order.
		const body: Record<string, string> = {
			username: this.settings.username,
			agent_phone: request.agentPhone,
			customer_phone: request.customerPhone,
		};
		if (request.campaignName) body.campaign_name = request.campaignName;
		const response = await this.http.request({
			method: 'POST',
			url: `${this.baseUrl}/api/click-to-call`,
			body,
		});
		// The guide puts the outcome in the body's `code`; a 200 answer carrying an error code is still an error.
		const error = telSpielError(response.status, response.body);
		if (error) throw error;
		return response.body;
	}
}
