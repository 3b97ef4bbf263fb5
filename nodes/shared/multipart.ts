import { randomBytes } from 'crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

/** The stream type n8n's binary helpers hand out (node:stream may not be imported here). */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

interface ReadableClass {
	from(iterable: AsyncIterable<Buffer>): BinaryStream;
}

/** The Readable class a stream was made with: a new stream of the same kind without importing node:stream. */
function readableClassOf(stream: BinaryStream): ReadableClass {
	for (let proto = Object.getPrototypeOf(stream); proto; proto = Object.getPrototypeOf(proto)) {
		const candidate = proto.constructor as Partial<ReadableClass> | undefined;
		if (typeof candidate?.from === 'function') return candidate as ReadableClass;
	}
	throw new Error('The binary data stream cannot be re-read');
}

export interface MultipartFile {
	/** Field name of the part. */
	field: string;
	fileName: string;
	contentType: string;
	size: number;
	content: Buffer | BinaryStream;
	/** Text parts sent before the file, in this order. */
	fields?: Record<string, string>;
}

/**
 * A multipart/form-data body with one file part. A Buffer stays a Buffer; a stream stays a stream
 * (head, the file's own chunks, tail), so a large file never sits in memory whole.
 */
export function multipartBody(file: MultipartFile): { body: Buffer | BinaryStream; headers: Record<string, string> } {
	const boundary = `----n8nFormBoundary${randomBytes(12).toString('hex')}`;
	const fileName = file.fileName.replace(/["\r\n]/g, '_');
	const textParts = Object.entries(file.fields ?? {})
		.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '_')}"\r\n\r\n${value}\r\n`)
		.join('');
	const head = Buffer.from(
		`${textParts}--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const headers = {
		'Content-Type': `multipart/form-data; boundary=${boundary}`,
		'Content-Length': String(head.length + file.size + tail.length),
	};
	if (Buffer.isBuffer(file.content)) return { body: Buffer.concat([head, file.content, tail]), headers };
	const source = file.content;
	async function* parts() {
		yield head;
		for await (const chunk of source as AsyncIterable<Buffer>) yield chunk;
		yield tail;
	}
	return { body: readableClassOf(source).from(parts()), headers };
}
