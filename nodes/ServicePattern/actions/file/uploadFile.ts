import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../../../shared/errors';
import { nonEmptyString, optionalString } from '../../../shared/fields';
import { multipartBody } from '../../../shared/multipart';
import { defineOperation } from '../../../shared/operation';
import { MAX_UPLOAD_BYTES } from '../../client';
import type { ServicePatternClient } from '../../client';
import { chatIdOf, clientIdOf, nextMessageId } from '../../conversation';
import { chatIdInput, chatIdProperty, conversationProperties, conversationRequired } from '../../parameters';
import { uploadedFile } from '../../schemas';

const properties: INodeProperties[] = [
	...conversationProperties,
	{
		displayName: 'Input Binary Field',
		name: 'binaryProperty',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the file',
	},
	{
		displayName: 'Post to Chat',
		name: 'postToChat',
		type: 'boolean',
		default: true,
		description: 'Whether to also post the file into the chat (a chat_session_file event); uploading alone shows it to nobody',
	},
	{ ...chatIdProperty, displayOptions: { show: { postToChat: [true] } } },
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		description: 'Leave empty to use the binary data’s own file name',
	},
];

export const uploadFile = defineOperation({
	resource: 'file',
	value: 'uploadFile',
	name: 'Upload File',
	description: 'Upload a file (at most 25 MB) and post it into the chat',
	action: 'Upload a file',
	properties,
	input: conversationRequired({ binaryProperty: nonEmptyString, postToChat: z.boolean().default(true), fileName: optionalString, ...chatIdInput }),
	output: uploadedFile,
	sideEffects: true,
	run: async (client: ServicePatternClient, input, { itemIndex, functions }) => {
		const clientId = clientIdOf(input);
		const binary = functions.helpers.assertBinaryData(itemIndex, input.binaryProperty);
		const fileName = input.fileName ?? binary.fileName ?? 'file';
		const contentType = binary.mimeType || 'application/octet-stream';
		// Stored binary data (filesystem, database, S3) is streamed; inline data is already in memory.
		const size = binary.id ? Number((await functions.helpers.getBinaryMetadata(binary.id)).fileSize) : Buffer.byteLength(binary.data, 'base64');
		if (size > MAX_UPLOAD_BYTES) {
			throw new ServiceError(`The file is ${(size / 1024 / 1024).toFixed(1)} MB; the contact center accepts at most 25 MB`, { code: 'file_too_large' });
		}
		const chatId = input.postToChat ? await chatIdOf(client, clientId, input.chatId) : input.chatId;
		const content = binary.id ? await functions.helpers.getBinaryStream(binary.id) : Buffer.from(binary.data, 'base64');
		const { body, headers } = multipartBody({ field: 'file', fileName, contentType, size, content });
		const fileId = await client.uploadFile(clientId, { body, headers });
		if (input.postToChat && chatId) {
			await client.sendEvent(clientId, chatId, {
				event: 'chat_session_file',
				msg_id: nextMessageId(chatId),
				file_id: fileId,
				file_type: contentType,
				file_name: fileName,
			});
		}
		return { clientId, chatId, fileId, fileName, size, posted: input.postToChat };
	},
});
