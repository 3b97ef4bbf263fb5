/**
 * The AI tests' side of the sandbox's scripted chat model, a chat with the agent example over n8n's Chat
 * Trigger, and the Click To Calls the sandbox's telSpiel accepted (also read by the queue-mode tests).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ChatMessage, ScriptedReply, ToolSchema } from '../../sandbox/model';

const example = JSON.parse(readFileSync(path.join(__dirname, '../../examples/ai-agent-callback.json'), 'utf8')) as { nodes: Array<{ type: string; webhookId?: string }> };
const CHAT_WEBHOOK_ID = example.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger')!.webhookId!;

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The model's next answers, in order (after them the built-in callback agent answers); clears what it recorded. */
export async function scriptModel(sandboxUrl: string, replies: ScriptedReply[]): Promise<void> {
	const answer = await post(`${sandboxUrl}/__sandbox/model/script`, { replies });
	if (!answer.ok) throw new Error(`Scripting the model answered ${answer.status}`);
}

/** What n8n sent the model since it was last scripted: the conversation and the tool schemas. */
export async function modelRequests(sandboxUrl: string): Promise<Array<{ messages: ChatMessage[]; tools: ToolSchema[] }>> {
	return ((await (await fetch(`${sandboxUrl}/__sandbox/model/requests`)).json()) as { requests: Array<{ messages: ChatMessage[]; tools: ToolSchema[] }> }).requests;
}

/** The tool results n8n gave the model, in the order the model saw them. */
export function toolResults(requests: Array<{ messages: ChatMessage[] }>): string[] {
	const last = requests[requests.length - 1]?.messages ?? [];
	return last.filter((message) => message.role === 'tool').map((message) => String(message.content));
}

/** One customer message to the agent example (or a copy with its own Chat Trigger), as n8n's chat widget sends it; the agent's answer. */
export async function chat(n8nUrl: string, sessionId: string, chatInput: string, webhookId = CHAT_WEBHOOK_ID): Promise<{ status: number; output?: string }> {
	const answer = await post(`${n8nUrl}/webhook/${webhookId}/chat`, { action: 'sendMessage', sessionId, chatInput });
	const body = (await answer.json().catch(() => ({}))) as { output?: string };
	return { status: answer.status, output: body.output };
}

/** The Click To Calls telSpiel accepted for one campaign, by customer number. */
export async function callsFor(sandboxUrl: string, campaign: string): Promise<string[]> {
	const { calls } = (await (await fetch(`${sandboxUrl}/__sandbox/telspiel/calls`)).json()) as { calls: Array<{ customer_phone: string; campaign_name?: string }> };
	return calls.filter((call) => call.campaign_name === campaign).map((call) => call.customer_phone);
}

/** The hosted chat page (the Chat Trigger's GET): 404 until the published workflow's webhooks are live. */
export const chatPage =
	(n8nUrl: string, webhookId = CHAT_WEBHOOK_ID) =>
	() =>
		fetch(`${n8nUrl}/webhook/${webhookId}/chat`);
