/**
 * The ServicePattern relay's registrations as they travel, written out byte for byte (not imported
 * from the relay's code, so a change of the wire format shows in the tests): what a forger who has
 * read the package's code can make, and what the holder of the Relay Secret makes.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-servicepattern-relay-signature';

export interface Registration {
	clientId: string;
	chatId: string;
	conversationKey?: string;
	issuedAt: number;
	nonce: string;
}

export const registration = (chat: Omit<Registration, 'issuedAt' | 'nonce'>, issuedAt = Date.now()): Registration => ({
	...chat,
	issuedAt,
	nonce: randomBytes(16).toString('hex'),
});

const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

/** Both signing schemes the package has had: the first keyed by the credential's App ID, the second by its Relay Secret. */
const schemes = {
	fields: (r: Registration) => `${r.clientId}\n${r.chatId}\n${r.conversationKey ?? ''}`,
	timestamped: (r: Registration, path: string) => JSON.stringify(['v1', path, r.issuedAt, r.nonce, r.clientId, r.chatId, r.conversationKey ?? null]),
};

/** The signature the Relay Secret's holder (Request Chat) makes. */
export const signature = (r: Registration, path: string, secret: string) => `v1=${hmac(secret, schemes.timestamped(r, path))}`;

/** Every signature someone without the secret can make: each scheme, keyed by each public value, as hex and as `v1=hex`. */
export function forgedSignatures(r: Registration, path: string, publicValues: string[]): string[] {
	return publicValues.flatMap((key) =>
		[schemes.fields(r), schemes.timestamped(r, path)].flatMap((text) => [hmac(key, text), `v1=${hmac(key, text)}`]),
	);
}

/** Opens a chat on the contact center's public Mobile API, as any web-chat page does with the App ID; returns its chat ID. */
export async function openChatAs(servicePatternUrl: string, tenant: string, appId: string, clientId: string): Promise<string> {
	const answer = await fetch(`${servicePatternUrl}/clientweb/api/v1/chats?tenantUrl=${tenant}`, {
		method: 'POST',
		headers: { authorization: `MOBILE-API-140-327-PLAIN appId="${appId}", clientId="${clientId}"`, 'user-agent': 'MobileClient', 'content-type': 'application/json' },
		body: '{}',
	});
	return ((await answer.json()) as { chat_id: string }).chat_id;
}
