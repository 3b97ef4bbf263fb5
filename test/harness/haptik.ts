/** What the Haptik suites share: calls to the sandbox's Haptik as a Haptik client makes them, and waiting on its state. */
import { HAPTIK_BUSINESS_ID, HAPTIK_CLIENT_ID, HAPTIK_TOKEN } from '../../sandbox/haptik';
import type { Sandbox } from '../../sandbox/main';

/** POST to the sandbox's Haptik API with the test account's token and client ID. */
export const haptikApi = (sandbox: Pick<Sandbox, 'serviceUrl'>, route: string, body: unknown) =>
	fetch(`${sandbox.serviceUrl('haptik')}${route}`, { method: 'POST', headers: { authorization: `Bearer ${HAPTIK_TOKEN}`, 'client-id': HAPTIK_CLIENT_ID, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A user's message on Haptik's channel (Bot as an API). */
export const userMessage = (sandbox: Pick<Sandbox, 'serviceUrl'>, authId: string, text: string) =>
	haptikApi(sandbox, '/v1.0/log_message_from_user/', { user: { auth_id: authId }, message_body: text, message_type: 0, business_id: HAPTIK_BUSINESS_ID });

/** Polls in-process state until `done`; throws, with what was read last, after `timeoutMs`. */
export async function until<T>(read: () => T, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
