import type { RecordedRequest, Reply } from './http';

export const SP_APP_ID = 'scenario-entry-7';
export const SP_TENANT = 'example.brightpattern.com';
export const AGENT = { party_id: 'agent-42', first_name: 'Dana', last_name: 'Agent', display_name: 'Dana', type: 'internal' };
export const PHOTO = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

type Event = Record<string, unknown>;

interface Chat {
	chatId: string;
	clientId: string;
	/** When the session started, Unix seconds. */
	createdTime: number;
	pending: Event[];
	history: Event[];
	polling: boolean;
	ended: boolean;
	wake?: () => void;
}

export interface SpStubState {
	chats: Map<string, Chat>;
	files: Map<string, { content: Buffer; fileName: string; contentType: string }>;
	/** How long a poll is held when nothing is new. */
	holdMs: number;
	overlappingPolls: number;
	nextChat: number;
	/**
	 * The CRM case of each client ID's chats, as the sandbox's scenario sets one for every chat (its
	 * own choice), until Close Case closes it; a client's later chats join the same case.
	 */
	cases: Map<string, { caseId: string; closed: boolean }>;
}

export function newSpState(holdMs = 400): SpStubState {
	return { chats: new Map(), files: new Map(), holdMs, overlappingPolls: 0, nextChat: 1, cases: new Map() };
}

// The error body `{ error_code, error_message }` and its codes: sources.md#servicepattern-errors.
const errorBody = (status: number, code: string, message: string): Reply => ({ status, body: { error_code: code, error_message: message } });

function push(chat: Chat, ...events: Event[]) {
	chat.pending.push(...events);
	chat.history.push(...events);
	chat.wake?.();
}

/** The sandbox's own (no API does this): the agent writes `msg` in every open chat, now; returns how many. */
export function agentWritesInEveryChat(state: SpStubState, msg: string): number {
	const open = [...state.chats.values()].filter((chat) => !chat.ended);
	for (const chat of open) push(chat, { event: 'chat_session_message', party_id: AGENT.party_id, msg_id: `a:${chat.history.length}`, msg, timestamp: Date.now() });
	return open.length;
}

/** The sandbox's own (no API does this): how many open chats have a poll held now, waiting for news. */
export function heldPolls(state: SpStubState): number {
	return [...state.chats.values()].filter((chat) => !chat.ended && chat.wake !== undefined).length;
}

/** Parses a multipart/form-data body with one file part, byte for byte. */
function filePart(request: RecordedRequest) {
	const boundary = /boundary=(.+)$/.exec(String(request.headers['content-type']))?.[1];
	if (!boundary) return undefined;
	const raw = request.raw;
	const start = raw.indexOf(`--${boundary}\r\n`);
	const headerEnd = raw.indexOf('\r\n\r\n', start);
	const end = raw.indexOf(`\r\n--${boundary}--`, headerEnd);
	if (start < 0 || headerEnd < 0 || end < 0) return undefined;
	const headers = raw.subarray(start, headerEnd).toString('utf8');
	return {
		name: /name="([^"]+)"/.exec(headers)?.[1],
		fileName: /filename="([^"]+)"/.exec(headers)?.[1] ?? 'file',
		contentType: /Content-Type: (.+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
		content: raw.subarray(headerEnd + 4, end),
	};
}

/**
 * Bright Pattern's Mobile/Web API as its docs describe it, with a scripted agent: the agent joins,
 * greets, answers every customer message, and ends the chat when asked "bye".
 */
export function servicePatternStub(state: SpStubState) {
	return async (request: RecordedRequest): Promise<Reply> => {
		const url = new URL(request.path, 'http://stub');
		// Paths under /clientweb/api/v1 or v2 (sources.md#servicepattern-base-url); anything else: the web server's 404 page (a guess).
		const match = /^\/clientweb\/api\/(v1|v2)(\/.*)$/.exec(url.pathname);
		if (!match) return { status: 404, body: '<html>Not Found</html>' };
		const [, version, path] = match;
		// tenantUrl, Authorization, appId and User-Agent on every request (sources.md#servicepattern-auth-elements).
		// Which HTTP status comes with which code is not documented (sources.md#servicepattern-errors): 400 for the tenant, 401/403 for auth, a guess.
		if (url.searchParams.get('tenantUrl') !== SP_TENANT) return errorBody(400, '1000', 'Missing or invalid tenantUrl');
		const auth = String(request.headers.authorization ?? '');
		if (!auth) return errorBody(401, '2000', 'Authorization header is missing');
		const parsed = /^MOBILE-API-140-327-PLAIN appId="([^"]*)", clientId="([^"]*)"$/.exec(auth);
		if (!parsed) return errorBody(403, '2002', 'Authorization scheme is incorrect');
		const [, appId, clientId] = parsed;
		if (appId !== SP_APP_ID) return errorBody(403, '3000', 'Missing or invalid application unique id');
		if (request.headers['user-agent'] !== 'MobileClient') return errorBody(403, '2001', 'Authorization parameter format is incorrect');

		const chatOf = (id: string) => {
			const chat = state.chats.get(id);
			return chat && chat.clientId === clientId && !chat.ended ? chat : undefined;
		};
		const activeOf = () => [...state.chats.values()].find((c) => c.clientId === clientId && !c.ended);
		let m: RegExpExecArray | null;

		// Check Availability: sources.md#servicepattern-methods.
		if (path === '/availability' && request.method === 'GET') return { body: { chat: 'available', ewt: '3' } };
		// Expected Parameters, `{ parameters: [{ name: type }] }`: sources.md#servicepattern-methods.
		if (path === '/parameters') return { body: { parameters: [{ first_name: 'FIRST_NAME' }, { phone: 'PHONE' }] } };
		// Get Chat Widget Configuration: widgets with their contact tab, and styles (sources.md#servicepattern-widget-configuration).
		if (path === '/configuration' && request.method === 'GET') {
			return {
				body: {
					widgets: [
						{
							name: 'Support',
							urls: ['https://shop.example.com/*'],
							definition: {
								contact_tab: { enabled: true, location: 'bottom_right', color: '#ffffff', bg_color: '#0b5fff', agents_available_msg: 'Chat with us', agents_not_available_msg: 'Leave a message', out_of_hours_msg: 'We are closed', show_ewt_out_of_hours: false },
							},
							styles: { style1: { baseFont: { 'font-family': 'Arial', color: '#222222' } } },
						},
					],
				},
			};
		}
		// Get Version, v2 only, 404 on v1: sources.md#servicepattern-v2-methods.
		if (path === '/version') {
			return version === 'v2' ? { body: { server_version: '5.5.6.12345 (Stable)' } } : { status: 404, body: '<html>Not Found</html>' };
		}
		// Request Chat (sources.md#servicepattern-methods): one active session per client ID (sources.md#servicepattern-one-session), so a second
		// request answers the existing one with is_new_chat false. The scripted agent's greeting is ours.
		if (path === '/chats' && request.method === 'POST') {
			// A JSON body is required: 5003 "Error decoding JSON request body" (sources.md#servicepattern-errors) for none or bad JSON.
			let body: { phone_number?: string };
			try {
				body = JSON.parse(request.body) as { phone_number?: string };
			} catch {
				return errorBody(400, '5003', 'Error decoding JSON request body');
			}
			const existing = activeOf();
			if (existing) return { body: { chat_id: existing.chatId, state: 'connected', is_new_chat: false } };
			const now = Date.now();
			const chat: Chat = { chatId: `chat-${state.nextChat++}`, clientId, createdTime: Math.floor(now / 1000), pending: [], history: [], polling: false, ended: false };
			state.chats.set(chat.chatId, chat);
			const openCase = state.cases.get(clientId);
			if (!openCase || openCase.closed) state.cases.set(clientId, { caseId: `case-${state.cases.size + 1}`, closed: false });
			push(
				chat,
				{ event: 'chat_session_status', state: 'queued', ewt: '5' },
				{ event: 'chat_session_party_joined', ...AGENT, timestamp: now },
				// Seconds here, milliseconds above: the docs mix both.
				{ event: 'chat_session_message', party_id: AGENT.party_id, msg_id: 'a:1', msg: 'Hello, how can I help?', timestamp: Math.floor(now / 1000) },
			);
			// chat_session_case_set is a v2 event (sources.md#servicepattern-case-history): only a v2 client is told.
			if (version === 'v2') push(chat, { event: 'chat_session_case_set', case_id: state.cases.get(clientId)?.caseId, timestamp: Math.floor(now / 1000) });
			return { body: { chat_id: chat.chatId, state: 'queued', ewt: '5', is_new_chat: true, phone_number: body.phone_number } };
		}
		// Get Active Chat, 404 when there is none: sources.md#servicepattern-methods. The 404 body is a guess.
		if (path === '/chats/active') {
			const chat = activeOf();
			return chat ? { body: { chat_id: chat.chatId, state: 'connected' } } : { status: 404, body: { error_code: '404', error_message: 'No active chat' } };
		}
		// Send Events (POST) and Get New Chat Events (GET), sources.md#servicepattern-events-polling: a poll is held while
		// nothing is new, and a second poll while one is held gets 400. Unknown chat: 404 (same entry).
		if ((m = /^\/chats\/([^/]+)\/events$/.exec(path))) {
			const chat = chatOf(m[1]);
			if (!chat) return { status: 404, body: { error_message: 'Chat not found' } };
			if (request.method === 'POST') {
				const { events } = request.json() as { events: Event[] };
				// Delivered and read receipts came with v2 (sources.md#servicepattern-v2-receipts); what v1 answers
				// to one is not documented: a 400 is a guess. Signaling data is a string (sources.md#servicepattern-signaling-data).
				if (version === 'v1' && events.some((e) => e.event === 'chat_session_message_delivered' || e.event === 'chat_session_message_read')) {
					return { status: 400, body: { error_message: 'Unknown event' } };
				}
				if (events.some((e) => e.event === 'chat_session_signaling' && typeof e.data !== 'string')) return errorBody(400, '5003', 'Error decoding JSON request body');
				for (const event of events) {
					chat.history.push({ ...event, party_id: chat.chatId, timestamp: Date.now() });
					if (event.event === 'chat_session_message') {
						const bye = String(event.msg).toLowerCase().includes('bye');
						push(chat, { event: 'chat_session_message', party_id: AGENT.party_id, msg_id: `a:${chat.history.length}`, msg: bye ? 'Goodbye!' : `You said: ${event.msg}`, timestamp: Date.now() });
						if (bye) push(chat, { event: 'chat_session_ended' });
					}
					if (event.event === 'chat_session_file') {
						push(chat, { event: 'chat_session_message', party_id: AGENT.party_id, msg_id: `a:${chat.history.length}`, msg: `Got your file ${event.file_name}`, timestamp: Date.now() });
					}
					if (event.event === 'chat_session_end') {
						push(chat, { event: 'chat_session_ended' });
						chat.ended = true;
					}
				}
				return { body: { events: [] } };
			}
			if (chat.polling) {
				state.overlappingPolls++;
				return { status: 400, body: { error_message: 'Poll already in progress' } };
			}
			chat.polling = true;
			if (chat.pending.length === 0) {
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, state.holdMs);
					chat.wake = () => {
						clearTimeout(timer);
						resolve();
					};
				});
			}
			chat.wake = undefined;
			chat.polling = false;
			const events = chat.pending.splice(0);
			if (events.some((e) => e.event === 'chat_session_ended')) chat.ended = true;
			return { body: { events } };
		}
		// Get Chat History: sources.md#servicepattern-methods.
		if ((m = /^\/chats\/([^/]+)\/history$/.exec(path))) {
			const chat = state.chats.get(m[1]);
			return chat && chat.clientId === clientId ? { body: { events: chat.history } } : { status: 404, body: {} };
		}
		// Upload File, multipart part `file` (sources.md#servicepattern-upload-file, also the v2 SDK's); the 5003 answer to a bad body is a guess.
		if (path === '/files' && request.method === 'POST') {
			const part = filePart(request);
			if (!part || part.name !== 'file') return errorBody(400, '5003', 'Error decoding request body');
			const fileId = `file-${state.files.size + 1}`;
			state.files.set(fileId, part);
			return { body: { file_id: fileId } };
		}
		// Get File, the raw bytes with their own content type: sources.md#servicepattern-methods.
		if ((m = /^\/chats\/([^/]+)\/files\/([^/]+)$/.exec(path))) {
			const file = state.files.get(m[2]);
			if (!file) return { status: 404, body: {} };
			return { body: file.content, headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` } };
		}
		// Get Agent Profile Photo: sources.md#servicepattern-methods.
		if ((m = /^\/chats\/([^/]+)\/profilephotos\/([^/]+)$/.exec(path))) {
			return m[2] === AGENT.party_id ? { body: PHOTO, headers: { 'content-type': 'image/png' } } : { status: 404, body: {} };
		}
		// Get Case History and Close Case, v2 only, under chats/<chat ID>/ as the official Android SDK builds
		// them; 406 without a case (sources.md#servicepattern-case-history, sources.md#servicepattern-close-case).
		if ((m = /^\/chats\/([^/]+)\/(casehistory|closecase)$/.exec(path)) && version === 'v2') {
			const chat = state.chats.get(m[1]);
			if (!chat || chat.clientId !== clientId) return { status: 404, body: { error_message: 'Chat session is not found' } };
			const linked = state.cases.get(clientId);
			if (!linked || linked.closed) return { status: 406, body: { error_message: 'Not acceptable: the scenario did not specify a case' } };
			if (m[2] === 'closecase' && request.method === 'POST') {
				linked.closed = true;
				// What it answers is an empty object in the Postman example; whether it also ends the chat is not said: it does not here (a guess).
				return { body: {} };
			}
			if (m[2] === 'casehistory' && request.method === 'GET') {
				const sessions = [...state.chats.values()].filter((c) => c.clientId === clientId).map((c) => ({ chat_id: c.chatId, created_time: c.createdTime, events: c.history }));
				return { body: { sessions } };
			}
		}
		// Mobile notification subscription, v2 only: sources.md#servicepattern-v2-methods. Its answer is not documented: {} is a guess.
		if ((m = /^\/chats\/([^/]+)\/notifications$/.exec(path)) && version === 'v2') return { body: {} };
		// Anything else: the web server's 404 page (a guess).
		return { status: 404, body: '<html>Not Found</html>' };
	};
}
