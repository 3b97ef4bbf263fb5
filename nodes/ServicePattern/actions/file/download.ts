import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import type { BinaryStream } from '../../../shared/multipart';
import { defineOperation } from '../../../shared/operation';
import type { OperationContext } from '../../../shared/operation';
import type { ServicePatternClient } from '../../client';
import { chatIdInput, chatIdOf, chatIdProperty, clientIdOf, conversationProperties, conversationRequired } from '../common';
import type { ConversationInput } from '../common';

const binaryOutput: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryProperty',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};

const downloaded = z.looseObject({ clientId: z.string(), chatId: z.string(), fileName: z.string().optional(), mimeType: z.string().optional(), size: z.number().optional() });

/** Streams a file from the contact center into n8n's binary data store, never whole into memory. */
async function download(client: ServicePatternClient, clientId: string, path: string, property: string, fallbackName: string, { functions }: OperationContext) {
	const response = await client.send<BinaryStream>(clientId, 'GET', path, { responseType: 'stream' });
	const header = (name: string) => {
		const value = response.headers[name];
		return Array.isArray(value) ? value[0] : value;
	};
	const disposition = header('content-disposition')?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1];
	const mimeType = header('content-type')?.split(';')[0];
	const binary = await functions.helpers.prepareBinaryData(response.body, disposition ? decodeURIComponent(disposition) : fallbackName, mimeType);
	return { property, binary };
}

/** An operation that downloads one file of the chat into a binary field. */
function downloadOperation(options: {
	value: string;
	name: string;
	description: string;
	action: string;
	idProperty: INodeProperties;
	path: (chatId: string, id: string) => string;
	fallbackName: (id: string) => string;
}) {
	const idName = options.idProperty.name;
	return defineOperation({
		resource: 'file',
		value: options.value,
		name: options.name,
		description: options.description,
		action: options.action,
		properties: [...conversationProperties, chatIdProperty, options.idProperty, binaryOutput],
		input: conversationRequired({ ...chatIdInput, [idName]: nonEmptyString, binaryProperty: optionalString }),
		output: downloaded,
		sideEffects: false,
		binaryOutput: true,
		run: async (client: ServicePatternClient, values, context) => {
			const input = values as unknown as ConversationInput & { chatId?: string; binaryProperty?: string } & Record<string, string>;
			const clientId = clientIdOf(input);
			const chatId = await chatIdOf(client, clientId, input.chatId);
			const id = input[idName];
			const path = options.path(encodeURIComponent(chatId), encodeURIComponent(id));
			const { property, binary } = await download(client, clientId, path, input.binaryProperty ?? 'data', options.fallbackName(id), context);
			const json = { clientId, chatId, fileName: binary.fileName, mimeType: binary.mimeType, size: Number(binary.fileSize) || undefined };
			return { json, binary: { [property]: binary } };
		},
	});
}

export const getFile = downloadOperation({
	value: 'getFile',
	name: 'Get File',
	description: 'Download a file shared in the chat, as binary data',
	action: 'Get a file',
	idProperty: { displayName: 'File ID', name: 'fileId', type: 'string', required: true, default: '', placeholder: 'e.g. {{ $json.file_id }}' },
	path: (chatId, fileId) => `/chats/${chatId}/files/${fileId}`,
	fallbackName: (fileId) => fileId,
});

export const getAgentProfilePhoto = downloadOperation({
	value: 'getAgentProfilePhoto',
	name: 'Get Agent Profile Photo',
	description: 'Download the photo of an agent in the chat, as binary data',
	action: 'Get an agent profile photo',
	idProperty: {
		displayName: 'Party ID',
		name: 'partyId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.party_id }}',
		description: 'The agent’s party_id, from a chat_session_party_joined event',
	},
	path: (chatId, partyId) => `/chats/${chatId}/profilephotos/${partyId}`,
	fallbackName: (partyId) => `agent-${partyId}`,
});
