/**
 * The check of a secret a trigger registered with its service (nodes/shared/registeredSecrets.ts):
 * the stored hash first, the service when it does not match, at most once a minute per trigger.
 */
import { checkRegisteredSecret, forgetHeldSecrets, hashOfSecret, triggerOf } from '../../nodes/shared/registeredSecrets';

let triggers = 0;
/** A trigger's context, as far as the check reads it. */
const contextOf = (workflowId: string) => ({ getWorkflow: () => ({ id: workflowId, active: true }), getNode: () => ({ name: 'Trigger' }), getNodeWebhookUrl: () => 'https://n8n.example.com/webhook/x' }) as unknown as Parameters<typeof triggerOf>[0];
const asking = (answers: Array<string[] | Error>) => {
	const asked = { count: 0 };
	const heldByService = async () => {
		const answer = answers[Math.min(asked.count++, answers.length - 1)];
		if (answer instanceof Error) throw answer;
		return answer;
	};
	return { asked, heldByService };
};

test('the stored hash passes its secret without asking the service; nothing else passes it', async () => {
	const { asked, heldByService } = asking([[]]);
	const trigger = `t${++triggers}`;
	expect(await checkRegisteredSecret({ trigger, storedHash: hashOfSecret('s3cret'), received: 's3cret', heldByService })).toEqual({ genuine: true });
	expect(asked.count).toBe(0);
	for (const received of ['', undefined, 42, 's3cre']) expect((await checkRegisteredSecret({ trigger, storedHash: hashOfSecret('s3cret'), received, heldByService })).genuine).toBe(false);
});

test('without a matching hash the service is asked once a minute; what it holds passes and is kept', async () => {
	const { asked, heldByService } = asking([['new-key'], ['newer-key']]);
	const context = contextOf(`t${++triggers}`);
	const trigger = triggerOf(context);
	const now = 1_000_000;
	expect(await checkRegisteredSecret({ trigger, storedHash: undefined, received: 'new-key', heldByService, now })).toEqual({ genuine: true, keep: hashOfSecret('new-key') });
	expect((await checkRegisteredSecret({ trigger, storedHash: hashOfSecret('old'), received: 'forged', heldByService, now: now + 59_000 })).genuine).toBe(false);
	expect(asked.count).toBe(1);
	expect((await checkRegisteredSecret({ trigger, storedHash: undefined, received: 'newer-key', heldByService, now: now + 61_000 })).genuine).toBe(true);
	expect(asked.count).toBe(2);
	// The trigger's own registration forgets what was asked.
	forgetHeldSecrets(context);
	expect((await checkRegisteredSecret({ trigger, storedHash: undefined, received: 'newer-key', heldByService, now: now + 62_000 })).genuine).toBe(true);
	expect(asked.count).toBe(3);
});

test('a service that cannot answer holds nothing: refused, and not asked again within the minute', async () => {
	const { asked, heldByService } = asking([new Error('unreachable'), ['key']]);
	const trigger = `t${++triggers}`;
	expect(await checkRegisteredSecret({ trigger, storedHash: undefined, received: 'key', heldByService, now: 0 })).toEqual({ genuine: false });
	expect(await checkRegisteredSecret({ trigger, storedHash: undefined, received: 'key', heldByService, now: 30_000 })).toEqual({ genuine: false });
	expect(asked.count).toBe(1);
	expect((await checkRegisteredSecret({ trigger, storedHash: undefined, received: 'key', heldByService, now: 61_000 })).genuine).toBe(true);
});

test('requests arriving together share one question', async () => {
	const { asked, heldByService } = asking([['key']]);
	const trigger = `t${++triggers}`;
	const answers = await Promise.all(Array.from({ length: 10 }, () => checkRegisteredSecret({ trigger, storedHash: undefined, received: 'key', heldByService, now: 5 })));
	expect(answers.every((answer) => answer.genuine)).toBe(true);
	expect(asked.count).toBe(1);
});
