import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../shared/fields';
import type { HttpResponse } from '../../shared/http';
import type { BinaryStream } from '../../shared/multipart';
import { defineOperation } from '../../shared/operation';
import type { ServicePatternClient } from '../client';
import { chatOf } from '../conversation';
import { chatIdInput, chatIdProperty, conversationProperties, conversationRequired } from '../parameters';
import type { ConversationInput } from '../parameters';

const binaryOutput: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryProperty',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};

const downloaded = z.looseObject({ clientId: z.string(), chatId: z.string(), fileName: z.string().optional(), mimeType: z.string().optional(), size: z.number().optional() });

type Download = (client: ServicePatternClient, clientId: string, chatId: string, id: string) => Promise<HttpResponse<BinaryStream>>;

/** Streams a file from the contact center into n8n's binary data store, never whole into memory. */
async function intoBinary(response: HttpResponse<BinaryStream>, fallbackName: string, functions: IExecuteFunctions) {
	const header = (name: string) => {
		const value = response.headers[name];
		return Array.isArray(value) ? value[0] : value;
	};
	const disposition = header('content-disposition')?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1];
	const mimeType = header('content-type')?.split(';')[0];
	return await functions.helpers.prepareBinaryData(response.body, disposition ? decodeURIComponent(disposition) : fallbackName, mimeType);
}

/** An operation that downloads one file of the chat into a binary field. */
export function downloadOperation(options: {
	value: string;
	name: string;
	description: string;
	action: string;
	idProperty: INodeProperties;
	download: Download;
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
		run: async (client: ServicePatternClient, values, { functions }) => {
			const input = values as unknown as ConversationInput & { chatId?: string; binaryProperty?: string } & Record<string, string>;
			const { clientId, chatId } = await chatOf(client, input);
			const id = input[idName];
			const binary = await intoBinary(await options.download(client, clientId, chatId, id), options.fallbackName(id), functions);
			// fileSize is for people ("3.15 MB"); bytes is the number.
			const json = { clientId, chatId, fileName: binary.fileName, mimeType: binary.mimeType, size: binary.bytes };
			return { json, binary: { [input.binaryProperty ?? 'data']: binary } };
		},
	});
}
