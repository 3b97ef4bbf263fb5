import { randomBytes } from 'crypto';

import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { multipartBody } from '../../../shared/multipart';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { uploadedAttachment } from '../../schemas';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryProperty',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field holding the file',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		description: 'Leave empty to use the binary data’s own file name',
	},
];

export const uploadAttachment = defineOperation({
	resource: 'ticket',
	value: 'uploadAttachment',
	name: 'Upload Attachment',
	description: 'Upload a file for an agent’s ticket or reply; its path goes into Attachment Paths',
	action: 'Upload a ticket attachment',
	properties,
	input: z.object({ binaryProperty: nonEmptyString, fileName: optionalString }),
	output: uploadedAttachment,
	sideEffects: true,
	run: async (client: SobotClient, input, { itemIndex, functions }) => {
		const binary = functions.helpers.assertBinaryData(itemIndex, input.binaryProperty);
		const fileName = input.fileName ?? binary.fileName ?? 'file';
		const contentType = binary.mimeType || 'application/octet-stream';
		// Stored binary data (filesystem, database, S3) is streamed; inline data is already in memory.
		const size = binary.id ? Number((await functions.helpers.getBinaryMetadata(binary.id)).fileSize) : Buffer.byteLength(binary.data, 'base64');
		const content = binary.id ? await functions.helpers.getBinaryStream(binary.id) : Buffer.from(binary.data, 'base64');
		// "file_num_key: a randomly generated value, used to count the files uploaded" (sources.md#sobot-attachment).
		const fields = { file_num_key: randomBytes(8).toString('hex') };
		const { body, headers } = multipartBody({ field: 'file', fileName, contentType, size, content, fields });
		return { file_url: await client.uploadAttachment({ body, headers }), fileName, size };
	},
});
