/**
 * Click To Call's "Ring Once Per": a customer is rung once per key, the key kept in n8n's deduplication
 * store (here the tests' memory store, which like n8n's database reads a node's keys, then writes them
 * back). The agent and MCP tests in test/packaging/start.test.ts run the same option in real n8n, with
 * its database.
 */
import type { ICheckProcessedOptions, IExecuteFunctions, INode } from 'n8n-workflow';

import { ServiceError } from '../../nodes/shared/errors';
import { clickToCall } from '../../nodes/TelSpiel/actions/call/clickToCall';
import type { TelSpielClient } from '../../nodes/TelSpiel/client';
import { memoryDeduplicator } from '../harness/deduplication';

const accepted = { code: 200, status: 'success', message: 'Data successfully submitted for call.' };

function setup(answers: Array<() => Promise<unknown>>) {
	const store = memoryDeduplicator();
	const where = { workflow: { id: 'wf-1', active: true }, node: { id: 'node-1' } as INode };
	const rung: string[] = [];
	const client = {
		clickToCall: async ({ customerPhone }: { customerPhone: string }) => {
			rung.push(customerPhone);
			return await answers.shift()!();
		},
	} as unknown as TelSpielClient;
	// n8n's helpers: the store, for this node of this workflow.
	const helpers = {
		checkProcessedAndRecord: async (keys: string[], scope: 'node', options: ICheckProcessedOptions) => {
			expect(scope).toBe('node');
			return await store.checkProcessedAndRecord(keys, scope, where, options);
		},
		removeProcessed: async (keys: string[], scope: 'node', options: ICheckProcessedOptions) => await store.removeProcessed(keys, scope, where, options),
	};
	const context = { itemIndex: 0, functions: { helpers, getWorkflow: () => where.workflow, getNode: () => where.node } as unknown as IExecuteFunctions };
	const ring = (customerPhone: string, ringOncePer?: string) =>
		clickToCall.run(client, clickToCall.input.parse({ agentPhone: '9000000001', customerPhone, ringOncePer }), context);
	const recorded = () => store.getProcessedDataCount('node', where, { mode: 'entries' });
	return { ring, rung, recorded };
}

test('the same customer and key ring once; another customer, or another key, rings', async () => {
	const { ring, rung } = setup(Array(3).fill(async () => accepted));
	await expect(ring('13800000001', 'chat-1')).resolves.toEqual({ ...accepted, alreadyCalled: false });
	await expect(ring('+1 380-000-0001', 'chat-1')).resolves.toMatchObject({ status: 'alreadyCalled', alreadyCalled: true });
	await ring('13800000002', 'chat-1');
	await ring('13800000001', 'chat-2');
	expect(rung).toEqual(['13800000001', '13800000002', '13800000001']);
});

test('without a key every run rings, and nothing is recorded', async () => {
	const { ring, rung, recorded } = setup(Array(2).fill(async () => accepted));
	await expect(ring('13800000001')).resolves.toEqual(accepted);
	await ring('13800000001');
	expect([rung.length, await recorded()]).toEqual([2, 0]);
});

test('two items with the same customer and key in one run, started at once, ring once', async () => {
	const { ring, rung } = setup(Array(2).fill(async () => accepted));
	const answers = await Promise.all([ring('13800000001', 'chat-1'), ring('13800000001', 'chat-1')]);
	expect([rung.length, answers.map((answer) => (answer as { alreadyCalled: boolean }).alreadyCalled)]).toEqual([1, [false, true]]);
});

test('a call telSpiel refused does not count; a call that may have rung does', async () => {
	const refused = async () => {
		throw new ServiceError('telSpiel rejected the request: Invalid data', { httpCode: 422 });
	};
	const timedOut = async () => {
		throw new ServiceError('The request timed out', { code: 'timeout' });
	};
	const { ring, rung } = setup([refused, async () => accepted, timedOut]);
	await expect(ring('13800000001', 'chat-1')).rejects.toThrow('Invalid data');
	await expect(ring('13800000001', 'chat-1')).resolves.toMatchObject({ alreadyCalled: false });
	await expect(ring('13800000003', 'chat-1')).rejects.toThrow('timed out');
	await expect(ring('13800000003', 'chat-1')).resolves.toMatchObject({ alreadyCalled: true });
	expect(rung).toEqual(['13800000001', '13800000001', '13800000003']);
});

test('many chats at once in one process: each chat’s key is kept (n8n writes a node’s keys back as one row), so a repeat in any chat rings no one', async () => {
	const chats = Array.from({ length: 8 }, (_, i) => `chat-${i + 1}`);
	const { ring, rung, recorded } = setup(Array(chats.length).fill(async () => accepted));
	await Promise.all(chats.map(async (chat) => await ring('13800000001', chat)));
	expect(await recorded()).toBe(chats.length);
	const repeats = await Promise.all(chats.map(async (chat) => (await ring('13800000001', chat)) as { alreadyCalled: boolean }));
	expect([rung.length, repeats.every((answer) => answer.alreadyCalled)]).toEqual([chats.length, true]);
});
