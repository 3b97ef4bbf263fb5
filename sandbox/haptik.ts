import { X509Certificate, createHash, createHmac, randomBytes, verify } from 'node:crypto';

import { HAPTIK_ECT_CA_SIGNED_CHAIN, HAPTIK_ECT_CERTIFICATE, HAPTIK_ECT_CERT_UUID, HAPTIK_ECT_CHAIN_URL, HAPTIK_ECT_FQDN, HAPTIK_TRUSTED_ROOT } from './haptik-keys';
import type { RecordedRequest, Reply } from './http';

/**
 * Haptik's Bot as an API, its integration APIs and the external agent tool APIs (TRACT), as
 * we read Haptik's docs (the docs/sources.md entries cited per route), with a bot that answers,
 * hands a chat over when the user asks for a person, and webhooks signed and retried as documented.
 */

export const HAPTIK_TOKEN = 'sandbox-haptik-token-0001';
export const HAPTIK_CLIENT_ID = 'sandbox-client-0001';
export const HAPTIK_BUSINESS_ID = 343;
export const HAPTIK_WEBHOOK_SECRET = 'sandbox-haptik-secret-0001';
export const HAPTIK_TEAM = 'Support';
/** Receiver IDs of thread control (sources.md#haptik-tract-receivers): the bot, and the contact center as an external agent tool. */
export const HAPTIK_BOT_RECEIVER = 'iva';
export const HAPTIK_AGENT_TOOL_RECEIVER = 'message_delivery_contact_center';

/** The receiver ID of Haptik's own agent chat (SAC), a primary receiver (sources.md#haptik-tract-thread-control). */
export const HAPTIK_SAC_RECEIVER = 'athena';

/** How long the sandbox's agent tool tokens last (Haptik states no lifetime: a guess). */
export const AGENT_TOOL_TOKEN_TTL_S = 3600;
/** The signed timestamp may be this far from the sandbox's clock (sources.md#haptik-tract-timestamp). */
const TIMESTAMP_TOLERANCE_MS = 150_000;
/** While the webhook is disabled, new deliveries are queued this long (sources.md#haptik-webhook-retries). */
const QUEUE_FOR_MS = 60 * 60 * 1000;
/** One feedback per user an hour (sources.md#haptik-feedback). */
const FEEDBACK_EVERY_MS = 60 * 60 * 1000;

/** Haptik's retry schedule after a failed delivery, in seconds (sources.md#haptik-webhook-timing). */
export const RETRY_SCHEDULE_S = [5, 25, 125, 625, 1410, 1410];

interface HaptikUser {
	auth_id: string;
	user_id: string;
	user_name: string;
	name?: string;
	email?: string;
	mobile_no?: string;
	language_code?: string;
	custom_data?: Record<string, unknown>;
}

interface Conversation {
	number: number;
	/** Who answers the user: the bot, Haptik's own agents, or the external agent tool. */
	holder: 'bot' | 'haptikAgents' | 'agentTool';
	messages: Array<{ message_id: number; sender: string; text: string; timestamp: string }>;
}

export interface Delivery {
	url: string;
	body: unknown;
	/** Whether it carried X-Hub-Signature: the Bot API webhook's do, the agent tool hooks' do not. */
	signed: boolean;
	attempts: Array<{ at: number; status: number | 'timeout' | 'unreachable' }>;
	delivered: boolean;
}

export interface HaptikState {
	users: Map<string, HaptikUser>;
	conversations: Map<string, Conversation>;
	/** The Bot API webhook URL (set in Business Manager; here by the sandbox's control route). */
	botWebhookUrl?: string;
	botWebhookDisabled: boolean;
	/** Agent tool hooks by "category/subcategory" (registered with /tract/hooks/register/). */
	hooks: Map<string, string>;
	deliveries: Delivery[];
	/** Scales the retry schedule (tests use a small fraction of an hour). */
	retryScale: number;
	/** How long Haptik waits for a 2xx (5 s, sources.md#haptik-webhook-timing). */
	answerWithinMs: number;
	nextMessageId: number;
	files: Array<{ auth_id: string; fileName: string; size: number; message_type: number }>;
	/** Self-signed certificates the ECTs shared, by the UUID Haptik returned (sources.md#haptik-tract-certificate). */
	certificates: Map<string, string>;
	/** Certificate chains as the ECTs publish them at their own https URLs (the sandbox cannot fetch the Internet). */
	publishedChains: Map<string, string>;
	trustedRoots: string[];
	/** Agent tool tokens issued, with when each stops being accepted. */
	agentToolTokens: Map<string, number>;
	/** Every token request answered with a token (tests count sign-ins). */
	agentToolSignIns: Array<{ at: number; certificate: 'uuid' | 'chainUrl' }>;
	agentToolTokenTtlS: number;
	/** Bot API webhook deliveries held while the webhook is disabled, delivered when it is re-enabled. */
	queued: Array<{ at: number; body: unknown }>;
	feedback: Array<{ auth_id: string; business_id: number; query_resolved: boolean; query_rating: number; feedback?: string; at: number }>;
	/** Users Haptik told the agent tool about (its Create User hook). */
	usersCreatedForAgentTool: Set<string>;
}

export function newHaptikState(): HaptikState {
	return {
		users: new Map(),
		conversations: new Map(),
		botWebhookDisabled: false,
		hooks: new Map(),
		deliveries: [],
		retryScale: 1,
		answerWithinMs: 5000,
		nextMessageId: 1_411_200_492,
		files: [],
		certificates: new Map([[HAPTIK_ECT_CERT_UUID, HAPTIK_ECT_CERTIFICATE]]),
		publishedChains: new Map([[HAPTIK_ECT_CHAIN_URL, HAPTIK_ECT_CA_SIGNED_CHAIN]]),
		trustedRoots: [HAPTIK_TRUSTED_ROOT],
		agentToolTokens: new Map(),
		agentToolSignIns: [],
		agentToolTokenTtlS: AGENT_TOOL_TOKEN_TTL_S,
		queued: [],
		feedback: [],
		usersCreatedForAgentTool: new Set(),
	};
}

/** Haptik's answer to a management request it will not serve: 400 Bad Request (sources.md#haptik-tract-signature); the body is a guess. */
const badRequest = (error: string): Reply => ({ status: 400, body: { error } });

/** The certificates of a PEM chain, in order. */
const certificatesOf = (chain: string) => (chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => new X509Certificate(pem));

/**
 * A chain URL as Haptik accepts it: https, the ECT's FQDN, a path beginning /ect.api/ (case sensitive),
 * port 443 if any (sources.md#haptik-tract-cert-chain-url).
 */
function chainUrlProblem(value: string, fqdn: string): string | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'SignatureCertChainUrl is not a URL';
	}
	if (url.protocol !== 'https:') return 'SignatureCertChainUrl must use https';
	if (url.hostname.toLowerCase() !== fqdn.toLowerCase()) return 'SignatureCertChainUrl must be on the ECT FQDN';
	if (!url.pathname.startsWith('/ect.api/')) return 'SignatureCertChainUrl path must begin with /ect.api/';
	if (url.port !== '' && url.port !== '443') return 'SignatureCertChainUrl port must be 443';
	return undefined;
}

/**
 * The signing certificate of a management request, checked as Haptik describes: found by its UUID
 * (self-signed) or fetched from its chain URL and chained to a trusted root (CA-signed); within its
 * dates; the ECT's FQDN in its SANs (sources.md#haptik-tract-certificate).
 */
function signingCertificate(state: HaptikState, headers: RecordedRequest['headers'], fqdn: string): X509Certificate | string {
	const uuid = headers.signaturecertuuid;
	const chainUrl = headers.signaturecertchainurl;
	let certificate: X509Certificate;
	if (typeof uuid === 'string') {
		const pem = state.certificates.get(uuid);
		if (!pem) return 'unknown SignatureCertUUID';
		certificate = new X509Certificate(pem);
	} else if (typeof chainUrl === 'string') {
		const problem = chainUrlProblem(chainUrl, fqdn);
		if (problem) return problem;
		const chain = state.publishedChains.get(new URL(chainUrl).toString());
		if (!chain) return 'the certificate chain could not be fetched';
		const [leaf, ...rest] = certificatesOf(chain);
		const roots = state.trustedRoots.map((pem) => new X509Certificate(pem));
		let current = leaf;
		for (const next of rest) {
			if (!current.verify(next.publicKey)) return 'the certificate chain is broken';
			current = next;
		}
		if (!roots.some((root) => root.raw.equals(current.raw) || current.verify(root.publicKey))) return 'the certificate chain does not end at a trusted root';
		certificate = leaf;
	} else {
		return 'SignatureCertUUID or SignatureCertChainUrl is required';
	}
	const now = Date.now();
	if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo)) return 'the signing certificate is expired or not yet valid';
	if (!certificate.checkHost(fqdn, { subject: 'never' })) return 'the ECT FQDN is not in the certificate SANs';
	return certificate;
}

/** A JWT of the sandbox's own (HS256 over its secret): what Haptik's sign-in issues, read by nobody but the sandbox. */
const JWT_SECRET = randomBytes(32);
function issueJwt(claims: Record<string, unknown>): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
	return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

const userIdOf = (authId: string) => createHash('sha1').update(`user:${authId}`).digest('hex').slice(0, 19);
const userNameOf = (authId: string) => createHash('sha1').update(`name:${authId}`).digest('hex').slice(0, 16);
/** Haptik's user ID and user name for an auth ID, as this sandbox makes them (stable, so examples can name them). */
export const haptikUserOf = (authId: string) => ({ userId: userIdOf(authId), userName: userNameOf(authId) });
const now = () => new Date().toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Posts to a webhook as Haptik does: 5 s to answer with a 2xx, then the retry schedule (sources.md#haptik-webhook-timing).
 * The Bot API webhook is signed with X-Hub-Signature (sources.md#haptik-webhook-signature); the agent
 * tool hooks go unsigned, to the URL as it was registered (sources.md#haptik-tract-message-hook): none
 * of their specs lists a signature. That they are retried alike is a guess.
 */
function deliver(state: HaptikState, url: string, body: unknown, signed: boolean, onGiveUp?: () => void): Delivery {
	const raw = JSON.stringify(body);
	const delivery: Delivery = { url, body, signed, attempts: [], delivered: false };
	state.deliveries.push(delivery);
	void (async () => {
		for (let attempt = 0; attempt <= RETRY_SCHEDULE_S.length; attempt++) {
			if (attempt > 0) await sleep(RETRY_SCHEDULE_S[attempt - 1] * 1000 * state.retryScale);
			let status: Delivery['attempts'][number]['status'];
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...(signed ? { 'x-hub-signature': `sha1=${createHmac('sha1', HAPTIK_WEBHOOK_SECRET).update(raw).digest('hex')}` } : {}) },
					body: raw,
					signal: AbortSignal.timeout(state.answerWithinMs),
				});
				status = response.status;
				await response.arrayBuffer();
			} catch (error) {
				status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
			}
			delivery.attempts.push({ at: Date.now(), status });
			if (typeof status === 'number' && status >= 200 && status < 300) {
				delivery.delivered = true;
				return;
			}
		}
		onGiveUp?.();
	})();
	return delivery;
}

export function haptikStub(state: HaptikState) {
	const conversationOf = (userId: string) => {
		let conversation = state.conversations.get(userId);
		if (!conversation) state.conversations.set(userId, (conversation = { number: 1, holder: 'bot', messages: [] }));
		return conversation;
	};
	const userById = (userId: unknown) => [...state.users.values()].find((user) => user.user_id === userId);
	const record = (user: HaptikUser, sender: string, text: string) => {
		const message = { message_id: state.nextMessageId++, sender, text, timestamp: now() };
		conversationOf(user.user_id).messages.push(message);
		return message;
	};

	/**
	 * To the Bot API webhook, signed. After the last retry Haptik disables the webhook; while it is
	 * disabled new requests are queued for at most 60 minutes and delivered once it is enabled again
	 * (sources.md#haptik-webhook-retries).
	 */
	const toBotWebhook = (body: unknown) => {
		if (!state.botWebhookUrl) return;
		if (state.botWebhookDisabled) {
			state.queued.push({ at: Date.now(), body });
			return;
		}
		deliver(state, state.botWebhookUrl, body, true, () => (state.botWebhookDisabled = true));
	};
	const deliverQueued = () => {
		const fresh = state.queued.filter((entry) => Date.now() - entry.at <= QUEUE_FOR_MS);
		state.queued = [];
		for (const entry of fresh) toBotWebhook(entry.body);
	};

	/** The bot (or a Haptik agent) answers on the Bot API webhook: payload fields of sources.md#haptik-webhook-payload-fields. */
	const botSays = (user: HaptikUser, text: string, eventName = 'message', extra: Record<string, unknown> = {}) => {
		const message = record(user, 'bot', text);
		if (!state.botWebhookUrl) return;
		toBotWebhook({
			version: '1.0',
			timestamp: message.timestamp,
			user: { auth_id: user.auth_id, user_id: user.user_id, user_name: user.user_name, device_platform: 13, device_platform_name: 'Webhook' },
			business_id: HAPTIK_BUSINESS_ID,
			business_name: 'Sandbox Channel',
			event_name: eventName,
			agent: { id: 1, name: 'gogo', profile_image: null, is_automated: true, email: null },
			message: { id: message.message_id, body: { text, type: 'TEXT', data: { quick_replies: text.includes('agent') ? [] : [{ actionable_text: 'Talk to an agent', type: 'TEXT_ONLY', is_default: 0, payload: { message: 'Talk to an agent', gogo_message: '' } }] } } },
			...extra,
		});
	};

	/** Haptik tells the agent tool, on the hook registered for it, unsigned (sources.md#haptik-tract-event-hook); unregistered: nothing. */
	const hook = (category: string, subcategory: string, body: Record<string, unknown>) => {
		const url = state.hooks.get(`${category}/${subcategory}`);
		if (url) deliver(state, url, body, false);
	};
	const handOver = (user: HaptikUser) => {
		const conversation = conversationOf(user.user_id);
		conversation.holder = 'agentTool';
		// Create User, optional, for an agent tool that registered it (sources.md#haptik-tract-create-user-hook): once per user,
		// before the chat reaches the tool (when Haptik sends it is not documented: a guess); details_available as dicts (a guess at their keys).
		if (!state.usersCreatedForAgentTool.has(user.user_id) && state.hooks.has('user_events/create_user')) {
			state.usersCreatedForAgentTool.add(user.user_id);
			hook('user_events', 'create_user', {
				user_id: user.user_id,
				third_party_user_id: user.auth_id,
				user_name: user.user_name,
				device_platform: '13',
				details_available: ['name', 'mobile_no', 'email', ...Object.keys(user.custom_data ?? {})].map((name) => ({ name })),
			});
		}
		hook('collection_state', 'incomplete', { conversation_number: String(conversation.number), user_id: user.user_id, category: 'collection_state', subcategory: 'incomplete', metadata: '' });
	};
	const backToBot = (user: HaptikUser) => {
		const conversation = conversationOf(user.user_id);
		// Passing to the bot completes the conversation: the next message starts a new one (sources.md#haptik-tract-receivers).
		conversation.holder = 'bot';
		conversation.number++;
		hook('collection_state', 'bot', { conversation_number: String(conversation.number), user_id: user.user_id, category: 'collection_state', subcategory: 'bot', metadata: '' });
	};

	return (request: RecordedRequest): Reply => {
		const url = new URL(request.path, 'http://x');
		const path = url.pathname;
		const json = () => (request.headers['content-type']?.startsWith('application/json') ? (request.json() as Record<string, unknown>) : {});

		// The agent tool's sign-in (sources.md#haptik-tract-token-issue): a signed management request, checked for its
		// certificate, its signature over the exact body (SHA-1) and its timestamp (±150 s); 400 otherwise
		// (sources.md#haptik-tract-signature, #haptik-tract-timestamp). The answer's shape is not documented: `{ token }` is a guess.
		if (path === '/tract/management/token/issue/' && request.method === 'POST') {
			let body: { client_id?: unknown; fqdn?: unknown; timestamp?: unknown };
			try {
				body = JSON.parse(request.body) as typeof body;
			} catch {
				return badRequest('the body is not JSON');
			}
			if (typeof body.fqdn !== 'string' || typeof body.client_id !== 'string' || typeof body.timestamp !== 'string') return badRequest('client_id, fqdn and timestamp are required');
			if (body.fqdn !== HAPTIK_ECT_FQDN) return badRequest('unknown ECT FQDN');
			const certificate = signingCertificate(state, request.headers, body.fqdn);
			if (typeof certificate === 'string') return badRequest(certificate);
			const signature = request.headers.signature;
			if (typeof signature !== 'string' || !verify('sha1', request.raw, certificate.publicKey, Buffer.from(signature, 'base64'))) return badRequest('the signature does not match the body');
			if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(body.timestamp)) return badRequest('timestamp must be ISO 8601 in UTC');
			if (Math.abs(Date.parse(body.timestamp) - Date.now()) > TIMESTAMP_TOLERANCE_MS) return badRequest('the timestamp is outside the 150 s tolerance');
			// The client ID the token is for: the sandbox has one account, whose Account ID it is (a guess: see the credential).
			if (body.client_id !== HAPTIK_CLIENT_ID) return badRequest('unknown client_id');
			const issuedAt = Math.floor(Date.now() / 1000);
			const token = issueJwt({ client_id: body.client_id, fqdn: body.fqdn, iat: issuedAt, exp: issuedAt + state.agentToolTokenTtlS, jti: randomBytes(8).toString('hex') });
			state.agentToolTokens.set(token, (issuedAt + state.agentToolTokenTtlS) * 1000);
			state.agentToolSignIns.push({ at: Date.now(), certificate: typeof request.headers.signaturecertuuid === 'string' ? 'uuid' : 'chainUrl' });
			return { body: { token } };
		}

		// The agent tool APIs take the token the sign-in issued ("access tokens to be used with rest of the APIs",
		// sources.md#haptik-tract-auth-apis), not the bot token; the header and the refusal are not documented:
		// Authorization: Bearer, and 401 `{ error }`, are guesses.
		if (path.startsWith('/tract/')) {
			const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
			const until = state.agentToolTokens.get(token);
			if (until === undefined || Date.now() > until) return { status: 401, body: { error: 'invalid or expired token' } };
		} else if (request.headers.authorization !== `Bearer ${HAPTIK_TOKEN}` || request.headers['client-id'] !== HAPTIK_CLIENT_ID) {
			// Bearer token and client-id on every Bot API and integration API call; 401 with this body otherwise (sources.md#haptik-auth-headers).
			return { status: 401, body: { error_message: 'invalid authorization details' } };
		}

		// Register a user with POST, update one with PUT /v1.0/user/ (sources.md#haptik-user-create-update); a POST on a known
		// auth_id updates it (sources.md#haptik-user-post-upsert). A PUT for an unknown auth_id: 403 "user is not registered", a guess.
		if (path === '/v1.0/user/' && (request.method === 'POST' || request.method === 'PUT')) {
			const body = json();
			// The answer to a missing auth_id is not documented: a guess.
			if (typeof body.auth_id !== 'string' || !body.auth_id) return { status: 400, body: { error_message: 'auth_id missing in the request' } };
			if (request.method === 'PUT' && !state.users.has(body.auth_id)) return { status: 403, body: { error_message: 'user is not registered' } };
			// custom_data must be flat (sources.md#haptik-user-custom-data); how Haptik refuses a nested one is a guess.
			if (body.custom_data && Object.values(body.custom_data as object).some((value) => value && typeof value === 'object')) {
				return { status: 400, body: { error_message: 'custom_data must be a flat JSON object' } };
			}
			const known = state.users.get(body.auth_id);
			const user: HaptikUser = { ...(known ?? { auth_id: body.auth_id, user_id: userIdOf(body.auth_id), user_name: userNameOf(body.auth_id) }) };
			for (const key of ['name', 'email', 'mobile_no', 'language_code', 'custom_data'] as const) if (body[key] !== undefined) (user as unknown as Record<string, unknown>)[key] = body[key];
			state.users.set(user.auth_id, user);
			return { body: { auth_id: user.auth_id, mobile_no: user.mobile_no ?? null, email: user.email ?? null, name: user.name ?? null } };
		}

		// A user's message: POST /v1.0/log_message_from_user/ (sources.md#haptik-log-message); 403 for an unknown user; the reply goes to the webhook.
		if (path === '/v1.0/log_message_from_user/' && request.method === 'POST') {
			const body = json() as { user?: { auth_id?: string }; message_body?: unknown; business_id?: unknown; message_type?: unknown };
			const user = state.users.get(String(body.user?.auth_id));
			if (!user) return { status: 403, body: { error_message: 'user is not registered' } };
			// How missing fields are refused is not documented: a guess.
			if (typeof body.message_body !== 'string' || body.business_id === undefined) return { status: 400, body: { error_message: 'message_body and business_id are required' } };
			if (Number(body.business_id) !== HAPTIK_BUSINESS_ID) return { status: 400, body: { error_message: 'invalid business_id provided' } };
			const message = record(user, 'user', body.message_body);
			const conversation = conversationOf(user.user_id);
			if (conversation.holder === 'agentTool') {
				// In a chat the agent tool holds, the user's messages go to its message hook (sources.md#haptik-tract-message-hook).
				hook('message', 'receive', { user_id: user.user_id, message_id: message.message_id, conversation_number: String(conversation.number), message_body: JSON.stringify({ text: body.message_body, type: 'TEXT', data: {} }), sender: 'ceu', timestamp: message.timestamp });
			} else if (conversation.holder === 'bot') {
				// The sandbox's bot (a guess at a typical one): asked for a person, it hands over to the agent tool; else it echoes.
				if (/\b(human|agent|person)\b/i.test(body.message_body)) {
					setImmediate(() => {
						botSays(user, 'Connecting you to an agent…');
						handOver(user);
					});
				} else setImmediate(() => botSays(user, `You said: ${body.message_body as string}`));
			}
			return { body: { message_id: message.message_id, message_body: body.message_body, created_at: message.timestamp, message_type: Number(body.message_type ?? 0) } };
		}

		// A user's file: multipart POST /v1.0/log_file_from_user/, 10 MB at most, images and documents (sources.md#haptik-log-file).
		if (path === '/v1.0/log_file_from_user/' && request.method === 'POST') {
			const contentType = String(request.headers['content-type'] ?? '');
			const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
			if (!boundary) return { status: 400, body: { error_message: 'expected multipart/form-data' } };
			const parts = request.raw.toString('latin1').split(`--${boundary}`).slice(1, -1);
			const fields: Record<string, string> = {};
			let file: { name: string; size: number } | undefined;
			for (const part of parts) {
				const [head, ...rest] = part.split('\r\n\r\n');
				const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
				const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
				const fileName = /filename="([^"]*)"/.exec(head)?.[1];
				if (fileName !== undefined) file = { name: fileName, size: Buffer.byteLength(content, 'latin1') };
				else fields[name] = content;
			}
			const user = state.users.get(fields.auth_id);
			if (!user) return { status: 403, body: { error_message: 'user is not registered' } };
			// How a file that is missing, too big or of another kind is refused is not documented: a guess.
			if (!file) return { status: 400, body: { error_message: 'file missing in the request' } };
			if (file.size > 10 * 1024 * 1024) return { status: 400, body: { error_message: 'file size exceeds 10 MB' } };
			const messageType = Number(fields.message_type);
			if (messageType !== 1 && messageType !== 52) return { status: 400, body: { error_message: 'invalid message_type' } };
			const message = record(user, 'user', fields.message_body ?? file.name);
			state.files.push({ auth_id: user.auth_id, fileName: file.name, size: file.size, message_type: messageType });
			return {
				body: { message_id: message.message_id, message_body: fields.message_body ?? '', created_at: message.timestamp, message_type: messageType, file_url: `https://files.example.com/haptik/${message.message_id}/${encodeURIComponent(file.name)}` },
			};
		}

		// Log feedback (sources.md#haptik-feedback): 201 { success }; 403 Invalid_User for an unknown auth_id; 404 without a conversation;
		// "duplicate feedback" within an hour (its status is not documented: 400 is a guess, as are the answers to missing fields).
		if (path === '/v1.0/log_feedback_from_user/' && request.method === 'POST') {
			const body = json();
			const user = state.users.get(String(body.auth_id));
			if (!user) return { status: 403, body: { error_message: 'Invalid_User' } };
			if (typeof body.query_resolved !== 'boolean' || typeof body.query_rating !== 'number' || body.business_id === undefined) {
				return { status: 400, body: { error_message: 'business_id, query_resolved and query_rating are required' } };
			}
			if (!Number.isInteger(body.query_rating) || body.query_rating < 1 || body.query_rating > 5) return { status: 400, body: { error_message: 'query_rating must be from 1 to 5' } };
			if (Number(body.business_id) !== HAPTIK_BUSINESS_ID) return { status: 400, body: { error_message: 'invalid business_id provided' } };
			if (!conversationOf(user.user_id).messages.some((m) => m.sender === 'user')) {
				return { status: 404, body: { error_message: 'Failed to submit feedback, please make sure there is an active conversation with the agent' } };
			}
			if (state.feedback.some((f) => f.auth_id === user.auth_id && Date.now() - f.at < FEEDBACK_EVERY_MS)) return { status: 400, body: { error_message: 'duplicate feedback' } };
			state.feedback.push({ auth_id: user.auth_id, business_id: Number(body.business_id), query_resolved: body.query_resolved, query_rating: body.query_rating, feedback: typeof body.feedback === 'string' ? body.feedback : undefined, at: Date.now() });
			return { status: 201, body: { success: true } };
		}

		// Re-enable the Bot API webhook (sources.md#haptik-webhook-reenable): `enabled: true` turns it on and delivers what was queued
		// (sources.md#haptik-webhook-retries). How other bodies are refused is not documented: a guess.
		if (path === '/v1.0/webhook/' && request.method === 'POST') {
			const body = json();
			if (body.enabled !== true) return { status: 400, body: { error_message: 'enabled should be true' } };
			if (body.business_id !== undefined && Number(body.business_id) !== HAPTIK_BUSINESS_ID) return { status: 400, body: { error_message: 'invalid business_id provided' } };
			state.botWebhookDisabled = false;
			setImmediate(deliverQueued);
			return { body: { enabled: true } };
		}

		// Move a chat to an agent team: send_chat_to_agent v2.0 and its v1.0 errors (sources.md#haptik-send-chat-to-agent); an unknown user name: "invalid user_name".
		if (/^\/integration\/external\/v[12]\.0\/send_chat_to_agent\/$/.test(path) && request.method === 'POST') {
			const body = json();
			for (const field of ['user_name', 'business_id', 'team_name']) if (body[field] === undefined || body[field] === '') return { status: 400, body: { error_message: `${field} missing in the request` } };
			const user = [...state.users.values()].find((u) => u.user_name === body.user_name);
			if (!user) return { status: 400, body: { error_message: 'invalid user_name' } };
			if (Number(body.business_id) !== HAPTIK_BUSINESS_ID) return { status: 400, body: { error_message: 'invalid business_id provided' } };
			if (body.team_name !== HAPTIK_TEAM) return { status: 400, body: { error_message: 'invalid team_name provided' } };
			if (!conversationOf(user.user_id).messages.some((m) => m.sender === 'user')) return { status: 400, body: { error_message: 'user has not sent a message' } };
			// The receiver names an external agent tool or Haptik's own ("athena", sources.md#haptik-send-chat-to-agent, inferred).
			if (body.receiver === HAPTIK_AGENT_TOOL_RECEIVER) handOver(user);
			else {
				conversationOf(user.user_id).holder = 'haptikAgents';
				setImmediate(() => botSays(user, 'An agent has joined', 'chat_pinned', {}));
			}
			return { body: { success: true } };
		}

		// Transcript: get_chat_history v2.0, JSON form (sources.md#haptik-transcript-groups), by group 1 (user_name, business_id, conversation_no) or
		// group 2 (pxut, conversation_no), group 1 preferred (sources.md#haptik-transcript-groups). That a PXUT is the user ID the
		// agent tool hooks carry is a guess.
		if (path === '/integration/external/v2.0/get_chat_history/' && request.method === 'GET') {
			const query = url.searchParams;
			const groupOne = !!(query.get('user_name') && query.get('business_id') && query.get('conversation_no'));
			const groupTwo = !!(query.get('pxut') && query.get('conversation_no'));
			if (!groupOne && !groupTwo) return { status: 400, body: { error_message: 'Argument group validation: no valid group.' } };
			let user: HaptikUser | undefined;
			if (groupOne) {
				if (!/^\d+$/.test(query.get('business_id')!)) return { status: 400, body: { error_message: 'Invalid business_id' } };
				user = [...state.users.values()].find((u) => u.user_name === query.get('user_name'));
				if (user && Number(query.get('business_id')) !== HAPTIK_BUSINESS_ID) user = undefined;
			} else {
				user = userById(query.get('pxut'));
				if (!user) return { status: 400, body: { error_message: 'Unable to decode pxut-client_id pair' } };
			}
			const conversation = user && state.conversations.get(user.user_id);
			if (!user || !conversation) {
				return { status: 400, body: { error_message: 'Either the user has not sent a message yet, or the provided user_name-business_id pair is invalid' } };
			}
			const limit = Number(query.get('limit') ?? 1000);
			const stamp = (iso: string) => new Date(iso).toLocaleString('en-US', { timeZone: 'UTC', year: '2-digit', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: true }).replace(',', '') + ' UTC';
			return { body: { chat_json: conversation.messages.slice(-limit).map((m) => ({ text: m.text, sender: m.sender, message_id: m.message_id, timestamp: stamp(m.timestamp) })) } };
		}

		// The agent tool APIs (TRACT, sources.md#haptik-tract-answers) answer `{ error }` on a failure; the status then is not documented: 400 is a guess.
		const tractError = (error: string): Reply => ({ status: 400, body: { error } });
		// Register a hook: one URL per category and subcategory (sources.md#haptik-tract-hooks-register).
		if (path === '/tract/hooks/register/' && request.method === 'POST') {
			const body = json();
			if (!body.category || !body.subcategory || typeof body.url !== 'string') return tractError('category, subcategory and url are required');
			state.hooks.set(`${String(body.category)}/${String(body.subcategory)}`, body.url);
			return { body: {} };
		}
		// List hooks: the listing's shape is not documented (sources.md#haptik-tract-hooks-list): `{ hooks: [...] }` is a guess.
		if (path === '/tract/hooks/list/' && request.method === 'GET') {
			return { body: { hooks: [...state.hooks].map(([key, hookUrl]) => ({ category: key.split('/')[0], subcategory: key.split('/')[1], url: hookUrl })) } };
		}
		// Send a message to the user as the agent tool (sources.md#haptik-tract-ect-apis): message_body is serialized HSL.
		if (path === '/tract/message/send/' && request.method === 'POST') {
			const body = json();
			const user = userById(body.user_id);
			if (!user) return tractError('user not found');
			let text: string;
			try {
				text = String((JSON.parse(String(body.message_body)) as { text?: unknown }).text ?? '');
			} catch {
				return tractError('message_body must be serialized HSL');
			}
			if (!['aeu', 'ect'].includes(String(body.sender))) return tractError('invalid sender');
			if (conversationOf(user.user_id).holder !== 'agentTool') return tractError('the agent tool does not hold this conversation');
			record(user, String(body.sender), text);
			return { body: {} };
		}
		// Send an event (sources.md#haptik-tract-ect-apis): those the agent tool may raise (sources.md#haptik-tract-events); complete returns the chat to the bot.
		if (path === '/tract/events/send' && request.method === 'POST') {
			const body = json();
			const user = userById(body.user_id);
			if (!user) return tractError('user not found');
			const event = `${String(body.category)}/${String(body.subcategory)}`;
			if (!['message/allocated', 'message/user_timeout', 'collection_state/complete'].includes(event)) return tractError(`the agent tool cannot raise ${event}`);
			if (event === 'collection_state/complete') {
				const conversation = conversationOf(user.user_id);
				conversation.holder = 'bot';
				conversation.number++;
			}
			return { body: {} };
		}
		// Get user and get user details (sources.md#haptik-tract-ect-apis).
		if (path === '/tract/user/' && request.method === 'POST') {
			const user = userById(json().user_id);
			if (!user) return tractError('user not found');
			return { body: { user_id: user.user_id, third_party_user_id: user.auth_id, user_name: user.user_name, device_platform: 13, details_available: ['name', 'mobile_no', 'email', ...Object.keys(user.custom_data ?? {})] } };
		}
		// Get user details: the details named, from those the user has (sources.md#haptik-tract-ect-apis).
		if (path === '/tract/user/details/' && request.method === 'POST') {
			const body = json();
			const user = userById(body.user_id);
			if (!user) return tractError('user not found');
			const all: Record<string, unknown> = { name: user.name, mobile_no: user.mobile_no, email: user.email, ...user.custom_data };
			const wanted = Array.isArray(body.details_requested) ? (body.details_requested as string[]) : [];
			return { body: { user_id: user.user_id, details: Object.fromEntries(wanted.filter((key) => all[key] !== undefined).map((key) => [key, all[key]])) } };
		}
		// Fetch listeners (sources.md#haptik-tract-listeners): the bot (IVA, default and primary), Haptik's agent chat (SAC, primary) and
		// the contact center's agent tool, each flagged; the key of an entry's ID is not documented: `receiver` is a guess.
		if (path === '/tract/thread_control/listeners/' && request.method === 'POST') {
			const user = userById(json().user_id);
			if (!user) return tractError('user not found');
			const holder = conversationOf(user.user_id).holder;
			return {
				body: {
					listeners: [
						{ receiver: HAPTIK_BOT_RECEIVER, is_default: true, is_primary: true, active: holder === 'bot' },
						{ receiver: HAPTIK_SAC_RECEIVER, is_default: false, is_primary: true, active: holder === 'haptikAgents' },
						{ receiver: HAPTIK_AGENT_TOOL_RECEIVER, is_default: false, is_primary: false, active: holder === 'agentTool' },
					],
				},
			};
		}
		// Thread control: an agent tool may only pass, to a primary or the default receiver (sources.md#haptik-tract-thread-control).
		if (path === '/tract/thread_control/request' && request.method === 'POST') {
			const body = json();
			const user = userById(body.user_id);
			if (!user) return tractError('user not found');
			if (body.type !== 'pass') return { body: { success: false, reason: { message: `${String(body.type)} is not allowed for an external agent tool` } } };
			if (body.requester !== HAPTIK_AGENT_TOOL_RECEIVER || conversationOf(user.user_id).holder !== 'agentTool') return { body: { success: false, reason: { message: 'only the active receiver may pass' } } };
			if (body.receiver !== HAPTIK_BOT_RECEIVER) return { body: { success: false, reason: { message: `unknown receiver ${String(body.receiver)}` } } };
			backToBot(user);
			return { body: { success: true } };
		}
		// Any other path: a 404 with Haptik's error key (a guess).
		return { status: 404, body: { error_message: 'not found' } };
	};
}
