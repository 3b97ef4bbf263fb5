import { definedFields } from '../shared/body';
import { ServiceError } from '../shared/errors';
import type { HttpClient, HttpError } from '../shared/http';
import type { z } from 'zod/v4';

import { parseAnswer } from '../shared/answers';
import { chatHistoryAnswer, threadControlAnswer, tractAcknowledgement, tractUser, tractUserDetails } from './schemas';

export interface HaptikSettings {
	/** Bot as an API: users, messages, files. */
	messengerUrl: string;
	/** Integration APIs and the external agent tool APIs. */
	apiUrl: string;
	businessId: number;
}

export interface HaptikUser {
	authId: string;
	name?: string;
	email?: string;
	mobileNo?: string;
	languageCode?: string;
	customData?: Record<string, string | number | boolean>;
}

/** Haptik's 10 MB limit and its file kinds (Send File, ../shared/api/haptik.md §2.3). */
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

/** The hooks the Haptik Trigger registers for the agent tool: messages and the conversation's state. */
export const AGENT_TOOL_HOOKS = [
	{ category: 'message', subcategory: 'receive' },
	{ category: 'collection_state', subcategory: 'incomplete' },
	{ category: 'collection_state', subcategory: 'bot' },
	{ category: 'collection_state', subcategory: 'complete' },
] as const;

const DESCRIPTIONS: Array<[RegExp, string]> = [
	[/invalid authorization|token|client_id|authorization/i, 'Check the token and client ID of the Haptik credential (Admin Tools → Partner List; View Credentials).'],
	[/not registered|invalid_user/i, 'Haptik knows no user with this auth ID: run User → Create or Update first.'],
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

	private async post(url: string, body: unknown, headers?: Record<string, string>): Promise<unknown> {
		const response = await this.http.request({ method: 'POST', url, body, headers });
		const error = response.status >= 300 ? haptikError(response.status, response.body) : undefined;
		if (error) throw error;
		return response.body;
	}

	/**
	 * Registers a user, or updates the one with this auth ID: Haptik documents POST as create and PUT as
	 * update, and its 2019 page says a POST on a known auth_id updates it. POST is used for both (an
	 * upsert, so a workflow need not know whether the user exists): a guess kept here only.
	 */
	async upsertUser(user: HaptikUser): Promise<unknown> {
		return await this.post(
			`${this.messengerUrl}/v1.0/user/`,
			definedFields({
				auth_id: user.authId,
				name: user.name,
				email: user.email,
				mobile_no: user.mobileNo,
				language_code: user.languageCode,
				custom_data: user.customData,
			}),
		);
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

	/** A conversation's transcript (get_chat_history v2.0, JSON form), by the Haptik user name and business. */
	async chatHistory(request: { conversationNo: number; userName: string; businessId?: number; limit?: number }): Promise<z.output<typeof chatHistoryAnswer>> {
		const response = await this.http.request({
			method: 'GET',
			url: `${this.apiUrl}/integration/external/v2.0/get_chat_history/`,
			qs: definedFields({
				conversation_no: request.conversationNo,
				user_name: request.userName,
				business_id: String(this.businessIdOr(request.businessId)),
				limit: request.limit === undefined ? undefined : String(request.limit),
				response_type: 'json',
			}),
			idempotent: true,
		});
		const error = haptikError(response.status, response.body);
		if (error) throw error;
		return parseAnswer(chatHistoryAnswer, response.body);
	}

	/**
	 * The external agent tool APIs (TRACT). Haptik's docs leave their authentication open: tokens from
	 * a signed /tract/management/token/issue/ call, carried in a header they do not name. The node sends
	 * the credential's bearer token and client-id, as on every other Haptik API: a guess, in this one
	 * place (the transport signs every request alike). They answer `{ error }` on a failure, whatever
	 * the status, and otherwise what `answer` describes; anything else is reported, never taken for
	 * success (a proxy's page must not read as a delivered agent message).
	 */
	private async tract<T extends z.ZodType>(path: string, body: unknown, answer: T): Promise<z.output<T>> {
		const response = await this.http.request({ method: 'POST', url: `${this.apiUrl}/tract/${path}`, body });
		const error = haptikError(response.status, response.body);
		if (error) throw error;
		if (response.status >= 300) throw new ServiceError(`Haptik answered with HTTP ${response.status}`, { httpCode: response.status, body: response.body });
		return parseAnswer(answer, response.body) as z.output<T>;
	}

	/** An agent's (or the tool's) message to the user; `message_body` is HSL serialized to a string. */
	async sendAgentToolMessage(userId: string, messageBody: string, sender: 'aeu' | 'ect'): Promise<void> {
		await this.tract('message/send/', { user_id: userId, message_body: messageBody, sender }, tractAcknowledgement);
	}

	async sendAgentToolEvent(userId: string, event: AgentToolEvent, metadata?: string): Promise<void> {
		await this.tract('events/send', definedFields({ user_id: userId, ...AGENT_TOOL_EVENTS[event], metadata }), tractAcknowledgement);
	}

	/** Passes the conversation to another receiver (the bot): Haptik marks it complete, so the bot starts afresh. */
	async passThreadControl(userId: string, requester: string, receiver: string): Promise<void> {
		const answer = await this.tract('thread_control/request', { user_id: userId, type: 'pass', requester, receiver }, threadControlAnswer);
		if (!answer.success) {
			throw new ServiceError('Haptik did not pass the conversation', { description: `Haptik says: ${JSON.stringify(answer.reason ?? {})}`, body: answer });
		}
	}

	/** The user as the agent tool APIs know them, with the details Haptik holds (all it offers, or those named). */
	async agentToolUser(userId: string, wanted?: string[]) {
		const user = await this.tract('user/', { user_id: userId }, tractUser);
		const requested = wanted?.length ? wanted : (user.details_available ?? []);
		const details = requested.length ? (await this.tract('user/details/', { user_id: userId, details_requested: requested }, tractUserDetails)).details : {};
		return { ...user, details };
	}

	async registerHook(category: string, subcategory: string, url: string): Promise<void> {
		await this.tract('hooks/register/', { category, subcategory, url }, tractAcknowledgement);
	}

	/**
	 * The registered hooks. Haptik does not document the listing's shape: read as `{ hooks: [{ category,
	 * subcategory, url }] }` (a guess, here only); anything else reads as none registered.
	 */
	async listHooks(): Promise<Array<{ category: string; subcategory: string; url: string }>> {
		const response = await this.http.request({ method: 'GET', url: `${this.apiUrl}/tract/hooks/list/`, idempotent: true });
		const error = haptikError(response.status, response.body);
		if (error) throw error;
		const hooks = (response.body as { hooks?: unknown })?.hooks;
		return Array.isArray(hooks) ? (hooks as Array<{ category: string; subcategory: string; url: string }>) : [];
	}
}
