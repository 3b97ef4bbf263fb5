/**
 * The Haptik handover examples end to end, several customers at once, through n8n's engine and the
 * sandbox: a customer asks Haptik's bot for a person → the Haptik Trigger (the agent tool's hook) →
 * Get User, Sobot Find Customer, the transcript → a ServicePattern chat with the context → the agent's
 * replies reach that customer on Haptik through the relay → the customer says bye, the agent ends the
 * chat, and the conversation goes back to the bot.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeExecutionData, IWorkflowBase } from 'n8n-workflow';

import { haptikUserOf } from '../../sandbox/haptik';
import { startServer } from '../../sandbox/http';
import type { TestServer } from '../../sandbox/http';
import { startSandbox } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/main';
import { haptikApi, until, userMessage } from '../harness/haptik';
import { sandboxCredentials } from '../harness/operations';
import { startTrigger, triggerHarness } from '../harness/triggers';
import type { RunningTrigger, TriggerHarness } from '../harness/triggers';
import { runWorkflow } from '../harness/workflow';
import type { RunResult } from '../harness/workflow';

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;
const example = (file: string) => JSON.parse(readFileSync(path.join(__dirname, '../../examples', file), 'utf8')) as Workflow;

let sandbox: Sandbox;
beforeEach(async () => (sandbox = await startSandbox()));
afterEach(async () => await sandbox.close());

const customerSays = async (authId: string, text: string) => expect((await userMessage(sandbox, authId, text)).status).toBe(200);

/**
 * n8n while both workflows are active: its production webhooks (the Haptik Trigger's and the relay's)
 * on one server, and each start of a workflow run through the engine.
 */
async function n8nInstance(credentials: ReturnType<typeof sandboxCredentials>) {
	const handover = example('haptik-agent-handover.json');
	const replies = example('haptik-agent-replies.json');
	const runs: Array<Promise<RunResult>> = [];
	let server: TestServer | undefined;
	const run = (workflow: Workflow, input: INodeExecutionData[]) => runs.push(runWorkflow(workflow, { mode: 'trigger', input, credentials, instanceBaseUrl: `${server!.url}/` }));
	const routes = new Map<string, { hooks: TriggerHarness; workflow: Workflow }>();
	server = await startServer(async (request) => {
		const route = routes.get(request.path.split('?')[0]);
		if (!route || request.method !== 'POST') return { status: 404, body: { message: 'The requested webhook is not registered.' } };
		const answer = await route.hooks.deliver(request.json(), request.headers, request.raw, request.path);
		// The relay's webhook only registers chats; the Haptik Trigger's starts a run per message.
		if (answer.started && route.workflow === handover) run(handover, answer.started);
		return { status: answer.status ?? 200, body: answer.json ?? {} };
	});
	const haptikHooks = await triggerHarness(handover, 'Haptik', credentials, { webhookBaseUrl: `${server.url}/webhook` });
	routes.set(new URL(haptikHooks.webhookUrl).pathname, { hooks: haptikHooks, workflow: handover });
	routes.set('/webhook/haptik-agent-replies', { hooks: await triggerHarness(replies, 'Agent Replies', credentials), workflow: replies });
	// Activation: the Haptik Trigger registers its URL for the agent tool's hooks; the relay starts following.
	expect(await haptikHooks.lifecycle('create')).toBe(true);
	const relay: RunningTrigger = await startTrigger(replies, 'Agent Replies', credentials);
	let relayed = 0;
	const pump = setInterval(() => {
		while (relayed < relay.emitted.length) run(replies, relay.emitted[relayed++]);
	}, 10);
	return {
		runs,
		hookBase: haptikHooks.webhookUrl,
		async stop() {
			clearInterval(pump);
			await relay.close();
			await Promise.all(runs);
			await server!.close();
		},
	};
}

test('three customers at once: found in Sobot (or not), handed to an agent with the transcript, answered on Haptik, and back with the bot', async () => {
	const credentials = sandboxCredentials(sandbox);
	const n8n = await n8nInstance(credentials);
	try {
		const customers = [
			{ authId: 'wa-asha', name: 'Asha', mobile: '13800000001', shown: 'Asha (VIP: yes)' },
			{ authId: 'wa-ben', name: 'Ben', mobile: '13800000002', shown: 'Ben (VIP: no)' },
			{ authId: 'wa-new', name: 'Chen', mobile: '13899999999', shown: 'not in Sobot' },
		];
		for (const customer of customers) expect((await haptikApi(sandbox, '/v1.0/user/', { auth_id: customer.authId, name: customer.name, mobile_no: customer.mobile })).status).toBe(200);
		await Promise.all(customers.map((customer) => customerSays(customer.authId, `I want to talk to a human about order ${customer.name}`)));

		const haptik = sandbox.state.haptik;
		const agentSaid = (authId: string) => (haptik.conversations.get(haptikUserOf(authId).userId)?.messages ?? []).filter((m) => m.sender === 'aeu').map((m) => m.text);
		for (const customer of customers) {
			const said = await until(() => agentSaid(customer.authId), (texts) => texts.length >= 2, `the agent's first replies to ${customer.authId}`);
			expect(said.sort()).toEqual(['Hello, how can I help?', expect.stringMatching(new RegExp(`^You said: Handed over by the Haptik bot. Customer: ${customer.shown.replace(/[()]/g, '\\$&')}\\nTranscript:\\nuser: I want to talk to a human about order ${customer.name}\\nbot: Connecting you to an agent…`))]);
		}
		// One ServicePattern chat per customer, keyed by their Haptik user ID.
		const chats = [...sandbox.state.servicepattern.chats.values()];
		expect(chats.map((chat) => chat.clientId).sort()).toHaveLength(3);

		// The customers write on; their messages reach their own agent; saying bye ends the chat.
		await Promise.all(customers.map((customer) => customerSays(customer.authId, 'ok, bye')));
		for (const customer of customers) {
			const conversation = await until(() => haptik.conversations.get(haptikUserOf(customer.authId).userId)!, (c) => c.holder === 'bot', `${customer.authId} back with the bot`);
			expect(agentSaid(customer.authId)).toContain('Goodbye!');
			// Passing the chat back completed it: the next message starts conversation 2, with the bot.
			expect(conversation.number).toBe(2);
		}
		await customerSays('wa-asha', 'thanks');
		const answer = await until(() => haptik.conversations.get(haptikUserOf('wa-asha').userId)!.messages.at(-1)!, (m) => m.sender === 'bot', 'the bot answering again');
		expect(answer.text).toBe('You said: thanks');
		// Nothing of it went to the agent tool any more.
		expect(haptik.deliveries.filter((d) => JSON.stringify(d.body).includes('thanks'))).toEqual([]);
		// Haptik sent its agent tool hooks as documented: unsigned, to the URL the trigger registered (with its secret), and they
		// were taken; every sign-in of the agent tool was one for the whole run of both workflows.
		const toAgentTool = await until(() => haptik.deliveries.filter((d) => d.url.startsWith(n8n.hookBase)), (all) => all.every((d) => d.attempts.length > 0), 'the last hooks answered');
		expect(toAgentTool.length).toBeGreaterThanOrEqual(6);
		expect(toAgentTool.every((d) => !d.signed && /\?key=[\w-]{32}$/.test(d.url) && d.delivered && d.attempts.length === 1)).toBe(true);
		expect(haptik.agentToolSignIns).toHaveLength(1);

		const results = await Promise.all(n8n.runs);
		const failures = results.flatMap((result) => Object.keys(result.run.data.resultData.runData).map((node) => result.error(node)?.message).filter(Boolean));
		expect(failures).toEqual([]);
	} finally {
		await n8n.stop();
	}
}, 60_000);
