import type { BinaryStream } from '../../../shared/multipart';
import { downloadOperation } from '../downloadOperation';

export const getFile = downloadOperation({
	value: 'getFile',
	name: 'Get File',
	description: 'Download a file shared in the chat, as binary data',
	action: 'Get a file',
	idProperty: { displayName: 'File ID', name: 'fileId', type: 'string', required: true, default: '', placeholder: 'e.g. {{ $json.file_id }}' },
	download: (client, clientId, chatId, fileId) => client.file<BinaryStream>(clientId, chatId, fileId),
	fallbackName: (fileId) => fileId,
});
