import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../../../shared/errors';
import { nonEmptyString, optionalString } from '../../../shared/fields';
import { multipartBody } from '../../../shared/multipart';
import { defineOperation } from '../../../shared/operation';
import { DOCUMENT_EXTENSIONS, DOCUMENT_MESSAGE, IMAGE_EXTENSIONS, IMAGE_MESSAGE, MAX_FILE_BYTES } from '../../client';
import type { HaptikClient } from '../../client';
import { loggedFile } from '../../schemas';
import { authIdProperty, businessIdInput, businessIdOption } from '../fields';

const properties: INodeProperties[] = [
	authIdProperty,
	{ displayName: 'Input Binary Field', name: 'binaryProperty', type: 'string', required: true, default: 'data', hint: 'The name of the input binary field holding the file' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			businessIdOption,
			{ displayName: 'Caption', name: 'caption', type: 'string', default: '', description: 'Text sent with the file' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'Leave empty to use the binary data’s own file name' },
		],
	},
	{
		displayName: `Haptik takes images (${IMAGE_EXTENSIONS.join(', ')}) and documents (${DOCUMENT_EXTENSIONS.join(', ')}) of at most 10 MB; others are refused before anything is sent.`,
		name: 'fileNotice',
		type: 'notice',
		default: '',
	},
];

export const sendFile = defineOperation({
	resource: 'message',
	value: 'sendFile',
	name: 'Send File',
	description: 'Send a user’s image or document (at most 10 MB) to the bot',
	action: 'Send a user file to the bot',
	properties,
	input: z.object({
		authId: nonEmptyString,
		binaryProperty: nonEmptyString,
		options: z.object({ businessId: businessIdInput, caption: optionalString, fileName: optionalString }).prefault({}),
	}),
	output: loggedFile,
	sideEffects: true,
	run: async (client: HaptikClient, input, { itemIndex, functions }) => {
		const binary = functions.helpers.assertBinaryData(itemIndex, input.binaryProperty);
		const fileName = input.options.fileName ?? binary.fileName ?? 'file';
		const extension = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? binary.fileExtension ?? '').toLowerCase();
		const messageType = IMAGE_EXTENSIONS.includes(extension) ? IMAGE_MESSAGE : DOCUMENT_EXTENSIONS.includes(extension) ? DOCUMENT_MESSAGE : undefined;
		if (messageType === undefined) {
			throw new ServiceError(`Haptik does not take .${extension || '(no extension)'} files`, {
				code: 'file_type',
				description: `Send an image (${IMAGE_EXTENSIONS.join(', ')}) or a document (${DOCUMENT_EXTENSIONS.join(', ')}); the file name decides which.`,
			});
		}
		// Stored binary data (filesystem, database, S3) is streamed; inline data is already in memory.
		const size = binary.id ? Number((await functions.helpers.getBinaryMetadata(binary.id)).fileSize) : Buffer.byteLength(binary.data, 'base64');
		if (size > MAX_FILE_BYTES) {
			throw new ServiceError(`The file is ${(size / 1024 / 1024).toFixed(1)} MB; Haptik accepts at most 10 MB`, { code: 'file_too_large' });
		}
		const content = binary.id ? await functions.helpers.getBinaryStream(binary.id) : Buffer.from(binary.data, 'base64');
		const fields: Record<string, string> = {
			auth_id: input.authId,
			business_id: String(client.businessIdOr(input.options.businessId)),
			message_type: String(messageType),
		};
		if (input.options.caption) fields.message_body = input.options.caption;
		const upload = multipartBody({ field: 'file', fileName, contentType: binary.mimeType || 'application/octet-stream', size, content, fields });
		return await client.logUserFile(upload);
	},
});
