import { definedFields } from '../shared/body';
import { ServiceError } from '../shared/errors';
import type { HttpClient, HttpError } from '../shared/http';
import { z } from 'zod/v4';

import { parseAnswer } from '../shared/answers';
import { chatHistoryAnswer, feedbackAnswer, listenersAnswer, reenabledWebhook, threadControlAnswer, tractAcknowledgement, tractUser, tractUserDetails } from './schemas';

export interface HaptikSettings {
	/** Bot as an API: users, messages, files. */
	messengerUrl: string;
	/** Integration APIs and the external agent tool APIs. */
	apiUrl: string;
	businessId: number;
	/** Whether the credential signs in to the agent tool APIs (TRACT); without it they are not called. */
	agentTool: boolean;
}

export interface HaptikUser {
	authId: string;
	name?: string;
	email?: string;
	mobileNo?: string;
	languageCode?: string;
	customData?: Record<string, string | number | boolean>;
}

/** Haptik's 10 MB limit and its file kinds (Send File, sources.md#haptik-log-file). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif'];
export const DOCUMENT_EXTENSIONS = ['docx', 'doc', 'pdf', 'xls', 'xlsx', 'csv'];
/** message_type of a file: 1 for an image, 52 for a document. */
export const IMAGE_MESSAGE = 1;
export const DOCUMENT_MESSAGE = 52;

/** The agent tool events the tool itself may send (TRACT appendix): assign, the user went quiet, close. */
export const AGENT_TOOL_EVENTS = {
	assigned: { category: 'message', subcategory: 'allocated' },
	userTimedOut: { category: 'message', subcategory: 'user_timeout' },
	completed: { category: 'collection_state', subcategory: 'complete' },
} as const;

export type AgentToolEvent = keyof typeof AGENT_TOOL_EVENTS;

/**
 * The hooks the Haptik Trigger registers for the agent tool: messages and the conversation's state
 * (sources.md#haptik-tract-hooks-register), and Create User, an optional hook Haptik calls only for an
 * agent tool that registered it (sources.md#haptik-tract-create-user-hook): registered only when chosen.
 */
export const AGENT_TOOL_HOOKS = [
	{ category: 'message', subcategory: 'receive' },
	{ category: 'collection_state', subcategory: 'incomplete' },
	{ category: 'collection_state', subcategory: 'bot' },
	{ category: 'collection_state', subcategory: 'complete' },
] as const;
export const CREATE_USER_HOOK = { category: 'user_events', subcategory: 'create_user' } as const;

/** The Bot API's channel number (device_platform 13, "Webhook"): the webhook Re-enable Webhook turns back on (sources.md#haptik-webhook-reenable). */
export const BOT_API_PLATFORM = 13;

const DESCRIPTIONS: Array<[RegExp, string]> = [
	[/invalid authorization|token|client_id|authorization/i, 'Check the token and client ID of the Haptik credential (Admin Tools → Partner List; View Credentials).'],
	[/not registered|invalid_user/i, 'Haptik knows no user with this auth ID: run User → Create or Update first.'],
	[/duplicate feedback/i, 'Haptik takes one feedback per user an hour.'],
	[/active conversation/i, 'Feedback is taken only for a conversation the user has had.'],
	[/pxut/i, 'Check the agent tool user token (PXUT): it belongs to the account of the credential’s Client ID.'],
	[/business/i, 'Check the Business ID: the credential’s, or the one given to the operation.'],
	[/team/i, 'Check the team name as it is written on the agent tool’s Teams page, and that the team is active.'],
	[/has not sent a message/i, 'A chat can be moved or read only once the user has written to the bot.'],
];

/** Haptik's error answers: `{ error_message }` (messenger, integration APIs) or `{ error }` (agent tool APIs). */
export function haptikError(httpCode: number | undefined, body: unknown): ServiceError | undefined {
	const fields = body && typeof body === 'object' ? (body as { error_message?: unknown; error?: unknown }) : {};
	const said = typeof fields.error_message === 'string' ? fields.error_message : typeof fields.error === 'string' ? fields.error : undefined;
	if (!said) return undefined;
	const description = DESCRIPTIONS.find(([pattern]) => pattern.test(said))?.[1];
	return new ServiceError(`Haptik refused the request: ${said}`, { httpCode, code: httpCode === undefined ? undefined : String(httpCode), description, body });
}

export function mapHaptikError(failure: HttpError): ServiceError | undefined {
	if (failure.kind !== 'status') return undefined;
	return haptikError(failure.response?.status, failure.response?.body);
}

/** The agent tool's token refused again, after a new one was fetched: said as such, not as a wrong bot token. */
function tokenRefused(refusal: ServiceError): ServiceError {
	const said = refusal.message.replace(/^Haptik refused the request: /, '');
	return new ServiceError(`Haptik refused the agent tool token (HTTP ${String(refusal.httpCode)})${said ? `: ${said}` : ''}`, {
		httpCode: refusal.httpCode,
		code: refusal.code,
		description: 'A new token was fetched and refused too: check that Haptik enabled the agent tool APIs for the client ID the token is issued for (Agent Tool Client ID, or the Client ID).',
		body: refusal.body,
	});
}

/** Haptik's APIs. Knows nothing of n8n: it speaks through the HttpClient it is given. */
export class HaptikClient {
	private readonly messengerUrl: string;
	private readonly apiUrl: string;

	constructor(
		private readonly http: HttpClient,
		private readonly settings: HaptikSettings,
	) {
		this.messengerUrl = settings.messengerUrl.replace(/\/+$/, '');
		this.apiUrl = settings.apiUrl.replace(/\/+$/, '');
	}

	businessIdOr(businessId: number | undefined): number {
		return businessId ?? this.settings.businessId;
	}

	/** A Bot API or integration API request: the bot partner's token signs it, never the agent tool's (no TRACT sign-in for it). */
	private async send(method: 'POST' | 'PUT', url: string, body: unknown, headers?: Record<string, string>): Promise<unknown> {
		const response = await this.http.request({ method, url, body, headers, withoutToken: true });
		const error = response.status >= 300 ? haptikError(response.status, response.body) : undefined;
		if (error) throw error;
		return response.body;
	}

	private async post(url: string, body: unknown, headers?: Record<string, string>): Promise<unknown> {
		return await this.send('POST', url, body, headers);
	}

	private userBody(user: HaptikUser) {
		return definedFields({
			auth_id: user.authId,
			name: user.name,
			email: user.email,
			mobile_no: user.mobileNo,
			language_code: user.languageCode,
			custom_data: user.customData,
		});
	}

	/**
	 * Registers a user, or updates the one with this auth ID: POST /v1.0/user/. Haptik's current page
	 * documents POST to register and PUT to update (sources.md#haptik-user-create-update); its older
	 * page of the same API says a POST for a known auth_id updates the user (sources.md#haptik-user-post-upsert).
	 * So Create or Update sends POST, which needs no lookup and no guess at how a PUT for an unknown user
	 * is refused; Update (updateUser) sends PUT.
	 */
	async upsertUser(user: HaptikUser): Promise<unknown> {
		return await this.post(`${this.messengerUrl}/v1.0/user/`, this.userBody(user));
	}

	/** Updates a registered user: PUT /v1.0/user/ (sources.md#haptik-user-create-update). */
	async updateUser(user: HaptikUser): Promise<unknown> {
		return await this.send('PUT', `${this.messengerUrl}/v1.0/user/`, this.userBody(user));
	}

	/** The user's rating of their conversation: POST /v1.0/log_feedback_from_user/ (sources.md#haptik-feedback); Haptik takes one an hour per user. */
	async logFeedback(feedback: { authId: string; businessId?: number; resolved: boolean; rating: number; text?: string }): Promise<z.output<typeof feedbackAnswer>> {
		const answer = await this.post(
			`${this.messengerUrl}/v1.0/log_feedback_from_user/`,
			definedFields({
				auth_id: feedback.authId,
				business_id: this.businessIdOr(feedback.businessId),
				query_resolved: feedback.resolved,
				query_rating: feedback.rating,
				feedback: feedback.text,
			}),
		);
		return parseAnswer(feedbackAnswer, answer);
	}

	/**
	 * Turns the Bot API webhook back on after Haptik disabled it: POST /v1.0/webhook/ on the messenger
	 * host with `enabled`, the business and the Bot API's device platform, as Haptik's sample sends
	 * (sources.md#haptik-webhook-reenable). Haptik then delivers what it queued meanwhile (up to 60 min).
	 */
	async reenableWebhook(businessId?: number): Promise<z.output<typeof reenabledWebhook>> {
		const answer = await this.post(`${this.messengerUrl}/v1.0/webhook/`, {
			enabled: true,
			business_id: this.businessIdOr(businessId),
			device_platform: BOT_API_PLATFORM,
		});
		return parseAnswer(reenabledWebhook, answer);
	}

	/** Logs the user's text for the bot; the bot's reply comes by webhook (Haptik Trigger), not in this answer. */
	async logUserMessage(authId: string, text: string, businessId?: number): Promise<unknown> {
		return await this.post(`${this.messengerUrl}/v1.0/log_message_from_user/`, {
			user: { auth_id: authId },
			message_body: text,
			message_type: 0,
			business_id: this.businessIdOr(businessId),
		});
	}

	/** Logs the user's file (a multipart body built by the operation, which checks Haptik's limits first). */
	async logUserFile(upload: { body: unknown; headers: Record<string, string> }): Promise<unknown> {
		return await this.post(`${this.messengerUrl}/v1.0/log_file_from_user/`, upload.body, upload.headers);
	}

	/** Moves the user's chat to an agent team (send_chat_to_agent v2.0; `receiver` names Haptik's own agent tool or an external one). */
	async moveToAgent(request: { teamName: string; userName: string; businessId?: number; countdown?: number; receiver?: string }): Promise<unknown> {
		return await this.post(
			`${this.apiUrl}/integration/external/v2.0/send_chat_to_agent/`,
			definedFields({
				team_name: request.teamName,
				user_name: request.userName,
				business_id: this.businessIdOr(request.businessId),
				countdown: request.countdown,
				receiver: request.receiver,
			}),
		);
	}

	/**
	 * A conversation's transcript (get_chat_history v2.0, JSON form), by the Haptik user name and
	 * business (group 1), or by the agent tool's user token, the PXUT (group 2, for TRACT consumers,
	 * sources.md#haptik-transcript-groups). Either way the bot partner's token signs it.
	 */
	async chatHistory(
		request: { conversationNo: number; limit?: number } & ({ userName: string; businessId?: number } | { pxut: string }),
	): Promise<z.output<typeof chatHistoryAnswer>> {
		const who = 'pxut' in request ? { pxut: request.pxut } : { user_name: request.userName, business_id: String(this.businessIdOr(request.businessId)) };
		const response = await this.http.request({
			method: 'GET',
			url: `${this.apiUrl}/integration/external/v2.0/get_chat_history/`,
			qs: definedFields({
				conversation_no: request.conversationNo,
				...who,
				limit: request.limit === undefined ? undefined : String(request.limit),
				response_type: 'json',
			}),
			idempotent: true,
			withoutToken: true,
		});
		const error = haptikError(response.status, response.body);
		if (error) throw error;
		return parseAnswer(chatHistoryAnswer, response.body);
	}

	/**
	 * The external agent tool APIs (TRACT), with the token the credential's sign-in got from Haptik
	 * (nodes/Haptik/token.ts; its header is chosen there). Refused (401 or 403): the request goes once
	 * more with a new token, which n8n stores for every process; nothing was done with the refused one.
	 * They answer `{ error }` on a failure, whatever the status, and otherwise what `answer`
	 * describes; anything else is reported, never taken for success (a proxy's page must not read as
	 * a delivered agent message).
	 */
	private async tract<T extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, answer: T): Promise<z.output<T>> {
		if (!this.settings.agentTool) {
			throw new ServiceError('The Haptik credential does not sign in to the agent tool APIs', {
				code: 'agent_tool_settings',
				description: 'Turn on "Agent Tool (TRACT) Sign-In" in the Haptik credential and enter the FQDN, the private key and the certificate UUID (or chain URL) you registered with Haptik.',
			});
		}
		for (let attempt = 0; ; attempt++) {
			// The transport reports a 401 or 403 as an error; the answer of a refused token is then its httpCode.
			const outcome = await this.http.request({ method, url: `${this.apiUrl}/tract/${path}`, body, renewCredential: attempt === 1 }).then(
				(response) => ({ response, error: undefined }),
				(error: unknown) => ({ response: undefined, error }),
			);
			const refusal = outcome.error instanceof ServiceError && (outcome.error.httpCode === 401 || outcome.error.httpCode === 403) ? outcome.error : undefined;
			if (refusal && attempt === 0) continue;
			if (refusal) throw tokenRefused(refusal);
			if (outcome.error) throw outcome.error;
			const response = outcome.response!;
			const error = haptikError(response.status, response.body);
			if (error) throw error;
			if (response.status >= 300) throw new ServiceError(`Haptik answered with HTTP ${response.status}`, { httpCode: response.status, body: response.body });
			return parseAnswer(answer, response.body) as z.output<T>;
		}
	}

	/** An agent's (or the tool's) message to the user; `message_body` is HSL serialized to a string. */
	async sendAgentToolMessage(userId: string, messageBody: string, sender: 'aeu' | 'ect'): Promise<void> {
		await this.tract('POST', 'message/send/', { user_id: userId, message_body: messageBody, sender }, tractAcknowledgement);
	}

	async sendAgentToolEvent(userId: string, event: AgentToolEvent, metadata?: string): Promise<void> {
		await this.tract('POST', 'events/send', definedFields({ user_id: userId, ...AGENT_TOOL_EVENTS[event], metadata }), tractAcknowledgement);
	}

	/** Passes the conversation to another receiver (the bot): Haptik marks it complete, so the bot starts afresh. */
	async passThreadControl(userId: string, requester: string, receiver: string): Promise<void> {
		const answer = await this.tract('POST', 'thread_control/request', { user_id: userId, type: 'pass', requester, receiver }, threadControlAnswer);
		if (!answer.success) {
			throw new ServiceError('Haptik did not pass the conversation', { description: `Haptik says: ${JSON.stringify(answer.reason ?? {})}`, body: answer });
		}
	}

	/** The user as the agent tool APIs know them, with the details Haptik holds (all it offers, or those named). */
	async agentToolUser(userId: string, wanted?: string[]) {
		const user = await this.tract('POST', 'user/', { user_id: userId }, tractUser);
		const requested = wanted?.length ? wanted : (user.details_available ?? []);
		const details = requested.length ? (await this.tract('POST', 'user/details/', { user_id: userId, details_requested: requested }, tractUserDetails)).details : {};
		return { ...user, details };
	}

	async registerHook(category: string, subcategory: string, url: string): Promise<void> {
		await this.tract('POST', 'hooks/register/', { category, subcategory, url }, tractAcknowledgement);
	}

	/**
	 * Who may hold the conversation: the bot (IVA), Haptik's own agents (SAC) and the agent tools, each
	 * flagged is_default, is_primary or active (POST /tract/thread_control/listeners/,
	 * sources.md#haptik-tract-listeners). An agent tool may pass a chat only to a primary or the default
	 * receiver (sources.md#haptik-tract-thread-control).
	 */
	async listListeners(userId: string): Promise<Listener[]> {
		const answer = await this.tract('POST', 'thread_control/listeners/', { user_id: userId }, listenersAnswer);
		return answer.listeners.map((listener) => ({
			receiverId: receiverIdOf(listener) ?? null,
			isDefault: listener.is_default === true,
			isPrimary: listener.is_primary === true,
			active: listener.active === true,
			listener,
		}));
	}

	/**
	 * The registered hooks (GET /tract/hooks/list/). Haptik does not document the listing's shape: read
	 * as `{ hooks: [{ category, subcategory, url }] }` (a guess, here only); anything else reads as none
	 * registered.
	 */
	async listHooks(): Promise<Array<{ category: string; subcategory: string; url: string }>> {
		const answer = await this.tract('GET', 'hooks/list/', undefined, z.unknown());
		const hooks = (answer as { hooks?: unknown })?.hooks;
		return Array.isArray(hooks) ? (hooks as Array<{ category: string; subcategory: string; url: string }>) : [];
	}
}

export interface Listener {
	/** The receiver ID thread control names it by; null when Haptik's listing has none we can read. */
	receiverId: string | null;
	isDefault: boolean;
	isPrimary: boolean;
	active: boolean;
	/** The listing's entry as Haptik sent it. */
	listener: Record<string, unknown>;
}

/**
 * The receiver ID in a listener entry. Haptik documents only the entries' flags (is_default,
 * is_primary, active), not the key of the ID thread control takes: the first text among `receiver`,
 * `receiver_id`, `id` and `name` is used (a guess, here only).
 */
export function receiverIdOf(listener: Record<string, unknown>): string | undefined {
	for (const key of ['receiver', 'receiver_id', 'id', 'name']) {
		const value = listener[key];
		if (typeof value === 'string' && value) return value;
	}
	return undefined;
}
