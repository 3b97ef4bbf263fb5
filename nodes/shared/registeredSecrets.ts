import { createHash, timingSafeEqual } from 'crypto';

import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { createServiceClient } from './service';
import type { Service } from './service';

/**
 * Whether a webhook request carries the secret a trigger registered with its service (the key in the
 * hook URLs Haptik calls, the secret Hover sends with each transaction), for triggers that keep only
 * the secret's hash, in the workflow's static data.
 *
 * That hash can be missing or stale while the service holds the right secret. n8n writes a webhook
 * request's copy of the static data back whole (see deliveries.ts), and an activation writes its own
 * only after the trigger registered: a request that read the row before and is written after puts
 * back what was there (nothing on a first activation, the previous hash on a re-activation). A Hover
 * app's secret can also be changed on Hover's dashboard. A trigger that trusted its hash alone would
 * then refuse every genuine delivery until it is activated again. So when the hash does not match,
 * the service is asked what it holds, at most once a minute per trigger and process (forged requests
 * cost it nothing more), and a match becomes the hash kept.
 */

const ASK_SERVICE_EVERY_MS = 60_000;

export const hashOfSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Whether `received` is the secret whose hash is `storedHash`, in constant time. */
export function matchesHash(storedHash: unknown, received: unknown): boolean {
	if (typeof storedHash !== 'string' || !/^[0-9a-f]{64}$/.test(storedHash) || typeof received !== 'string' || !received) return false;
	return timingSafeEqual(Buffer.from(hashOfSecret(received), 'hex'), Buffer.from(storedHash, 'hex'));
}

/** Per trigger: the hashes of what its service held when last asked, and when. */
const heldHashes = new Map<string, { at: number; hashes: Promise<string[]> }>();

type TriggerContext = Pick<IHookFunctions | IWebhookFunctions, 'getWorkflow' | 'getNode' | 'getNodeWebhookUrl'>;

/** A trigger as this process knows it: its workflow, node and URL. */
export const triggerOf = (context: TriggerContext) => `${context.getWorkflow().id ?? ''}\u0000${context.getNode().name}\u0000${context.getNodeWebhookUrl('default') ?? ''}`;

/** Forgets what the service was last seen to hold: for the trigger's own (re-)registration. */
export const forgetHeldSecrets = (context: TriggerContext) => heldHashes.delete(triggerOf(context));

/**
 * `genuine` when `received` matches the stored hash or, failing that, a secret the service holds for
 * this trigger; `keep`, the hash to store when it was the service's answer that matched.
 */
export async function checkRegisteredSecret(options: {
	/** The trigger, as its process knows it: workflow, node and webhook URL. */
	trigger: string;
	storedHash: unknown;
	received: unknown;
	/** What the service holds for this trigger now; an error counts as holding nothing. */
	heldByService: () => Promise<string[]>;
	now?: number;
}): Promise<{ genuine: boolean; keep?: string }> {
	const { trigger, storedHash, received } = options;
	if (typeof received !== 'string' || !received) return { genuine: false };
	if (matchesHash(storedHash, received)) return { genuine: true };
	const now = options.now ?? Date.now();
	let asked = heldHashes.get(trigger);
	if (!asked || now - asked.at > ASK_SERVICE_EVERY_MS) {
		const hashes = options.heldByService().then(
			(secrets) => secrets.filter((secret) => typeof secret === 'string' && secret).map(hashOfSecret),
			() => [],
		);
		heldHashes.set(trigger, (asked = { at: now, hashes }));
	}
	const held = (await asked.hashes).find((hash) => matchesHash(hash, received));
	return held ? { genuine: true, keep: held } : { genuine: false };
}

/**
 * checkRegisteredSecret for a trigger's webhook request: the service is asked with the trigger's
 * credential (`heldBy` gets the trigger's URL); a failure is logged, secrets redacted, and holds nothing.
 */
export async function checkWebhookSecret<Client>(
	context: IWebhookFunctions,
	service: Service<Client>,
	secret: { storedHash: unknown; received: unknown },
	heldBy: (client: Client, webhookUrl: string) => Promise<string[]>,
): Promise<{ genuine: boolean; keep?: string }> {
	const heldByService = async () => {
		const { client, redactor } = await createServiceClient(context, service);
		try {
			return await heldBy(client, context.getNodeWebhookUrl('default') ?? '');
		} catch (error) {
			const message = redactor.text(error instanceof Error ? error.message : String(error));
			context.logger.warn(`${context.getNode().name}: asking ${service.name} for its registered secret, to check a delivery, failed: ${message}`, { workflowId: context.getWorkflow().id });
			return [];
		}
	};
	return await checkRegisteredSecret({ trigger: triggerOf(context), ...secret, heldByService });
}
