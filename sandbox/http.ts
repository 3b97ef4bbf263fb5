import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	raw: Buffer;
	json(): unknown;
}

export interface Reply {
	status?: number;
	headers?: Record<string, string>;
	/** An object is sent as JSON; a string as it is. */
	body?: unknown;
	/** Wait this long before answering. */
	delayMs?: number;
	/** Cut the connection instead of answering. */
	reset?: boolean;
}

export interface TestServer {
	url: string;
	requests: RecordedRequest[];
	close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 that records every request and answers with `handler`. */
export async function startServer(handler: (request: RecordedRequest) => Reply | Promise<Reply>, port = 0): Promise<TestServer> {
	const requests: RecordedRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks);
			const body = raw.toString('utf8');
			const recorded: RecordedRequest = {
				method: req.method ?? 'GET',
				path: req.url ?? '/',
				headers: req.headers,
				body,
				raw,
				json: () => (body ? JSON.parse(body) : {}),
			};
			requests.push(recorded);
			const reply = await handler(recorded);
			// Unref'd: a frozen answer must not keep a process alive after its sandbox is closed.
			if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs).unref());
			if (reply.reset) {
				req.socket.destroy();
				return;
			}
			const isText = typeof reply.body === 'string';
			const isBytes = Buffer.isBuffer(reply.body);
			res.writeHead(reply.status ?? 200, {
				'content-type': isBytes ? 'application/octet-stream' : isText ? 'text/html' : 'application/json',
				...reply.headers,
			});
			if (isBytes) res.end(reply.body as Buffer);
			else res.end(reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${address.port}`,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
