/**
 * A recording proxy in front of a real service: n8n's requests go to 127.0.0.1, are passed on to the
 * service one at a time with a pause between them (the services' rate limits), and every exchange is
 * kept as it went over the wire. The credential's URLs are pointed at the proxy, nothing else
 * changes: the package and n8n's engine send what they would send to the service itself.
 */
import { sleep } from 'n8n-workflow';

import { startServer } from '../../sandbox/http';
import type { RecordedRequest, TestServer } from '../../sandbox/http';

export interface RecordedExchange {
	request: RecordedRequest;
	reply: { status: number; headers: Record<string, string>; body: unknown };
	/** A request the service did not answer: why. */
	failure?: string;
}

export interface Recorder {
	exchanges: RecordedExchange[];
	/** The URL with its root (a service's origin, or the sandbox's prefix of it) replaced by the proxy's. */
	proxied(url: string): string;
	close(): Promise<void>;
}

/** Headers that belong to one hop, not to the request or answer. */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'accept-encoding', 'content-encoding', 'keep-alive']);

function bodyOf(raw: Buffer, contentType: string): unknown {
	const text = raw.toString('utf8');
	if (/json/i.test(contentType) || /^\s*[[{]/.test(text)) {
		try {
			return text ? JSON.parse(text) : '';
		} catch {
			return text;
		}
	}
	if (/^text\/|xml|html|x-www-form-urlencoded/i.test(contentType) || !raw.length) return text;
	return raw;
}

export async function startRecorder(roots: string[], options: { pauseMs: number; timeoutMs: number }): Promise<Recorder> {
	const exchanges: RecordedExchange[] = [];
	const servers = new Map<string, TestServer>();
	// One request at a time, across every root: a pause after each, however it ended.
	let turn: Promise<unknown> = Promise.resolve();
	let sentBefore = false;
	const inTurn = <T>(task: () => Promise<T>): Promise<T> => {
		const run = turn.then(async () => {
			if (sentBefore && options.pauseMs > 0) await sleep(options.pauseMs);
			sentBefore = true;
			return await task();
		});
		turn = run.catch(() => undefined);
		return run;
	};

	for (const root of new Set(roots)) {
		const server = await startServer(async (request) => {
			// Kept in the order requests arrive, so a late answer stays with the run that asked for it.
			const exchange: RecordedExchange = { request, reply: { status: 0, headers: {}, body: '' }, failure: 'no answer yet' };
			exchanges.push(exchange);
			return await inTurn(async () => {
				const headers = Object.fromEntries(
					Object.entries(request.headers)
						.filter(([name, value]) => !HOP_HEADERS.has(name) && value !== undefined)
						.map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
				);
				try {
					const answer = await fetch(`${root}${request.path}`, {
						method: request.method,
						headers,
						body: ['GET', 'HEAD'].includes(request.method) ? undefined : new Uint8Array(request.raw),
						redirect: 'manual',
						signal: AbortSignal.timeout(options.timeoutMs),
					});
					const raw = Buffer.from(await answer.arrayBuffer());
					const replyHeaders: Record<string, string> = {};
					answer.headers.forEach((value, name) => {
						if (!HOP_HEADERS.has(name)) replyHeaders[name] = value;
					});
					exchange.reply = { status: answer.status, headers: replyHeaders, body: bodyOf(raw, replyHeaders['content-type'] ?? '') };
					delete exchange.failure;
					return { status: answer.status, headers: replyHeaders, body: raw };
				} catch (error) {
					exchange.failure = (error as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (error as Error).message;
					return { reset: true };
				}
			});
		});
		servers.set(root, server);
	}

	return {
		exchanges,
		proxied(url) {
			const root = [...servers.keys()].sort((a, b) => b.length - a.length).find((candidate) => url.startsWith(candidate));
			return root ? `${servers.get(root)!.url}${url.slice(root.length)}` : url;
		},
		close: async () => {
			await Promise.all([...servers.values()].map((server) => server.close()));
		},
	};
}
