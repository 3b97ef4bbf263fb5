import type { RecordedRequest, Reply } from './http';

export const SP_APP_ID = 'scenario-entry-7';
export const SP_TENANT = 'example.brightpattern.com';
export const AGENT = { party_id: 'agent-42', first_name: 'Dana', last_name: 'Agent', display_name: 'Dana', type: 'internal' };
export const PHOTO = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

type Event = Record<string, unknown>;

interface Chat {
	chatId: string;
	clientId: string;
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
}

export function newSpState(holdMs = 400): SpStubState {
	return { chats: new Map(), files: new Map(), holdMs, overlappingPolls: 0, nextChat: 1 };
}

const errorBody = (status: number, code: string, message: string): Reply => ({ status, body: { error_code: code, error_message: message } });

function push(chat: Chat, ...events: Event[]) {
	chat.pending.push(...events);
	chat.history.push(...events);
	chat.wake?.();
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
		const match = /^\/clientweb\/api\/(v1|v2)(\/.*)$/.exec(url.pathname);
		if (!match) return { status: 404, body: '<html>Not Found</html>' };
		const [, version, path] = match;
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

		if (path === '/availability' && request.method === 'GET') return { body: { chat: 'available', ewt: '3' } };
		if (path === '/parameters') return { body: { parameters: [{ first_name: 'FIRST_NAME' }, { phone: 'PHONE' }] } };
		if (path === '/version') {
			return version === 'v2' ? { body: { server_version: '5.5.6.12345 (Stable)' } } : { status: 404, body: '<html>Not Found</html>' };
		}
		if (path === '/chats' && request.method === 'POST') {
			const existing = activeOf();
			const body = request.json() as { phone_number?: string };
			if (existing) return { body: { chat_id: existing.chatId, state: 'connected', is_new_chat: false } };
			const chat: Chat = { chatId: `chat-${state.nextChat++}`, clientId, pending: [], history: [], polling: false, ended: false };
			state.chats.set(chat.chatId, chat);
			const now = Date.now();
			push(
				chat,
				{ event: 'chat_session_status', state: 'queued', ewt: '5' },
				{ event: 'chat_session_party_joined', ...AGENT, timestamp: now },
				// Seconds here, milliseconds above: the docs mix both.
				{ event: 'chat_session_message', party_id: AGENT.party_id, msg_id: 'a:1', msg: 'Hello, how can I help?', timestamp: Math.floor(now / 1000) },
			);
			return { body: { chat_id: chat.chatId, state: 'queued', ewt: '5', is_new_chat: true, phone_number: body.phone_number } };
		}
		if (path === '/chats/active') {
			const chat = activeOf();
			return chat ? { body: { chat_id: chat.chatId, state: 'connected' } } : { status: 404, body: { error_code: '404', error_message: 'No active chat' } };
		}
		if ((m = /^\/chats\/([^/]+)\/events$/.exec(path))) {
			const chat = chatOf(m[1]);
			if (!chat) return { status: 404, body: { error_message: 'Chat not found' } };
			if (request.method === 'POST') {
				const { events } = request.json() as { events: Event[] };
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
		if ((m = /^\/chats\/([^/]+)\/history$/.exec(path))) {
			const chat = state.chats.get(m[1]);
			return chat && chat.clientId === clientId ? { body: { events: chat.history } } : { status: 404, body: {} };
		}
		if (path === '/files' && request.method === 'POST') {
			const part = filePart(request);
			if (!part || part.name !== 'file') return errorBody(400, '5003', 'Error decoding request body');
			const fileId = `file-${state.files.size + 1}`;
			state.files.set(fileId, part);
			return { body: { file_id: fileId } };
		}
		if ((m = /^\/chats\/([^/]+)\/files\/([^/]+)$/.exec(path))) {
			const file = state.files.get(m[2]);
			if (!file) return { status: 404, body: {} };
			return { body: file.content, headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` } };
		}
		if ((m = /^\/chats\/([^/]+)\/profilephotos\/([^/]+)$/.exec(path))) {
			return m[2] === AGENT.party_id ? { body: PHOTO, headers: { 'content-type': 'image/png' } } : { status: 404, body: {} };
		}
		if ((m = /^\/chats\/([^/]+)\/notifications$/.exec(path)) && version === 'v2') return { body: {} };
		return { status: 404, body: '<html>Not Found</html>' };
	};
}
