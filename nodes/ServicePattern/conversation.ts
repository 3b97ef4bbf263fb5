import { createHash } from 'crypto';

import { ServiceError } from '../shared/errors';
import type { ServicePatternClient } from './client';
import type { ConversationInput } from './parameters';

/** Any value, as a stable client ID: a UUID v5 in the package's own namespace. */
const NAMESPACE = '4f9f1b3c-6a7e-5d2b-9c1a-2b7e3d5f8a61';

/** The client ID of a conversation key: the same key always gives the same ID, so nothing is stored. */
export function conversationClientId(key: string): string {
	const namespace = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
	const hash = createHash('sha1').update(Buffer.concat([namespace, Buffer.from(key, 'utf8')])).digest();
	hash[6] = (hash[6] & 0x0f) | 0x50;
	hash[8] = (hash[8] & 0x3f) | 0x80;
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let messageSequence = 0;

/** A message ID in the documented form `<chatId>:<n>`, unique within this process. */
export function nextMessageId(chatId: string): string {
	messageSequence = (messageSequence + 1) % 1000;
	return `${chatId}:${Date.now() * 1000 + messageSequence}`;
}

/** The client ID of a conversation: given, or derived from its key. */
export function clientIdOf(input: ConversationInput): string {
	if (input.conversation === 'clientId' && input.clientId) return input.clientId;
	if (input.conversation === 'key' && input.conversationKey) return conversationClientId(input.conversationKey);
	throw new ServiceError('The conversation is not identified', { description: 'Give a Conversation Key or a Client ID.' });
}

/** The chat to act on: given, or the conversation's active one. */
export async function chatIdOf(client: ServicePatternClient, clientId: string, chatId: string | undefined): Promise<string> {
	if (chatId) return chatId;
	const active = await client.activeChat(clientId);
	const id = active?.chat_id;
	if (typeof id !== 'string' || !id) {
		throw new ServiceError('This conversation has no active chat', {
			httpCode: 404,
			code: 'no_active_chat',
			description: 'Start one with Request Chat, or give the Chat ID.',
		});
	}
	return id;
}

/** The conversation's client ID and the chat to act on (given, or its active one). */
export async function chatOf(client: ServicePatternClient, input: ConversationInput & { chatId?: string }): Promise<{ clientId: string; chatId: string }> {
	const clientId = clientIdOf(input);
	return { clientId, chatId: await chatIdOf(client, clientId, input.chatId) };
}
