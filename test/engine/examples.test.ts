/**
 * The example workflows in examples/, exactly as a user imports them, run by n8n's engine against
 * the sandbox with the sandbox's test accounts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IWorkflowBase } from 'n8n-workflow';

import { HOVER_EMAIL, HOVER_PASSWORD } from '../../sandbox/hover';
import { startSandbox } from '../../sandbox/main';
import type { Sandbox } from '../../sandbox/main';
import { SP_APP_ID, SP_TENANT } from '../../sandbox/servicepattern';
import { SOBOT_APP_ID, SOBOT_APP_KEY } from '../../sandbox/sobot';
import { TELSPIEL_API_KEY, TELSPIEL_USERNAME } from '../../sandbox/telspiel';
import { runWorkflow, startTrigger } from '../harness/engine';

const example = (file: string) =>
	JSON.parse(readFileSync(path.join(__dirname, '../../examples', file), 'utf8')) as Pick<IWorkflowBase, 'nodes' | 'connections'>;

let sandbox: Sandbox;
const credentials = () => ({
	telSpielApi: { baseUrl: sandbox.serviceUrl('telspiel'), username: TELSPIEL_USERNAME, apiKey: TELSPIEL_API_KEY },
	sobotApi: { region: 'custom', baseUrl: sandbox.serviceUrl('sobot'), appId: SOBOT_APP_ID, appSecret: SOBOT_APP_KEY, language: 'en' },
	hoverApi: { authentication: 'password', email: HOVER_EMAIL, password: HOVER_PASSWORD, organizationId: '', baseUrl: `${sandbox.serviceUrl('hover')}/api`, sessionToken: '' },
	servicePatternApi: { baseUrl: sandbox.serviceUrl('servicepattern'), tenantUrl: SP_TENANT, appId: SP_APP_ID, apiVersion: 'v1' },
});

beforeEach(async () => {
	sandbox = await startSandbox();
});
afterEach(async () => await sandbox.close());

const webhookCall = (body: Record<string, unknown>) => [{ json: { headers: {}, params: {}, query: {}, body } }];

test('IVR callback: a VIP caller is rung back by the VIP desk, anyone else by the queue', async () => {
	const vip = await runWorkflow(example('ivr-callback.json'), { mode: 'trigger', input: webhookCall({ phone: '13800000001' }), credentials: credentials() });
	expect(vip.responses.map((r) => r.body)).toEqual([{ status: 'callback queued', desk: 'VIP desk', customer: 'Asha' }]);

	const regular = await runWorkflow(example('ivr-callback.json'), { mode: 'trigger', input: webhookCall({ phone: '13800000002' }), credentials: credentials() });
	expect(regular.responses.map((r) => r.body)).toEqual([{ status: 'callback queued', desk: 'callback queue', customer: 'Ben' }]);

	const unknown = await runWorkflow(example('ivr-callback.json'), { mode: 'trigger', input: webhookCall({ phone: '13899999999' }), credentials: credentials() });
	expect(unknown.responses.map((r) => r.body)).toEqual([{ status: 'callback queued', desk: 'callback queue', customer: null }]);

	expect(sandbox.state.telspiel.calls).toEqual([
		{ agent_phone: '9000000001', customer_phone: '13800000001', campaign_name: 'VIP desk' },
		{ agent_phone: '9000000002', customer_phone: '13800000002', campaign_name: 'Callback queue' },
		{ agent_phone: '9000000002', customer_phone: '13899999999', campaign_name: 'Callback queue' },
	]);
});

test('bot chat: the handover starts a chat and sends the message; the trigger workflow relays the agent’s replies', async () => {
	const replies = await startTrigger(example('bot-chat-agent-replies.json'), 'Agent Replies', credentials());
	try {
		const handover = await runWorkflow(example('bot-chat-handover.json'), {
			mode: 'trigger',
			input: webhookCall({ from: 'demo-customer', name: 'Demo Customer', text: 'I need a human' }),
			credentials: credentials(),
		});
		expect(handover.output('ServicePattern: Send Message')[0].json).toMatchObject({ chatId: 'chat-1', sent: { msg: 'I need a human' } });

		const items = await replies.nextItems(2, 8000);
		expect(items.map((item) => item.json.msg)).toEqual(['Hello, how can I help?', 'You said: I need a human']);
		// The trigger's items feed the rest of its workflow unchanged.
		const shaped = await runWorkflow(example('bot-chat-agent-replies.json'), { mode: 'trigger', input: [items[1]], credentials: credentials() });
		expect(shaped.output('Reply for the Customer')[0].json).toMatchObject({ to: 'demo-customer', text: 'You said: I need a human' });
	} finally {
		await replies.close();
	}
});

test('scheduled report: archived and idle Hover actions become report lines', async () => {
	const result = await runWorkflow(example('hover-action-report.json'), { mode: 'trigger', input: [{ json: { timestamp: '2026-11-23T07:00:00Z' } }], credentials: credentials() });

	expect(result.output('Hover: List Actions')).toHaveLength(3);
	expect(result.output('Report Line').map((item) => item.json.line)).toEqual(['Old Promo (*144#, 0ff1ce00): archived since 2026-09-01T00:00:00Z']);
});
