import type { RecordedRequest, Reply } from './http';

/**
 * A scripted stand-in for an OpenAI-compatible chat model, so that n8n's AI Agent runs against the
 * sandbox with no network beyond loopback. It is the sandbox's own: no vendor of this package documents
 * it. The wire format is OpenAI's chat completions API (POST /chat/completions with `messages` and
 * `tools`; answers with `choices[0].message`, `tool_calls` arguments as JSON strings), which is what
 * n8n's OpenAI Chat Model node sends when its Base URL points here and "Use Responses API" is off.
 */

export const MODEL_API_KEY = 'sandbox-model-key-0001';
export const MODEL_NAME = 'sandbox-callback-agent';

/** One scripted answer: tool calls for the agent to run, or the final answer. */
export type ScriptedReply = { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } | { content: string };

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ToolSchema {
	type: 'function';
	function: { name: string; description?: string; parameters?: { properties?: Record<string, { type?: string; description?: string }>; required?: string[] } };
}

export interface ModelState {
	/** Answers given in order before the built-in callback agent takes over again (set per test). */
	script: ScriptedReply[];
	/** Every request n8n sent: its messages and the tool schemas it generated from the nodes. */
	requests: Array<{ messages: ChatMessage[]; tools: ToolSchema[] }>;
}

export function newModelState(): ModelState {
	return { script: [], requests: [] };
}

/** A message's text, whether n8n sent it as a string or as parts. */
export const textOf = (message: ChatMessage | undefined) =>
	typeof message?.content === 'string' ? message.content : (message?.content ?? []).map((part) => part.text ?? '').join('');

const toolNamed = (tools: ToolSchema[], pattern: RegExp) => tools.find((tool) => pattern.test(`${tool.function.name} ${tool.function.description ?? ''}`));

/** Every parameter the tool asks for, filled with the same value (the scripted agent has one fact: a phone number). */
function argumentsFor(tool: ToolSchema, value: string): Record<string, string> {
	return Object.fromEntries(Object.keys(tool.function.parameters?.properties ?? {}).map((key) => [key, value]));
}

/**
 * The built-in agent, used whenever no script is set (`npm start`): it takes the phone number the
 * customer wrote, looks it up with the customer-lookup tool, rings a customer it found with the
 * click-to-call tool, and says what happened. The tools are picked by their name and description.
 */
export function callbackAgent(messages: ChatMessage[], tools: ToolSchema[]): ScriptedReply {
	const lastUser = messages.map((message) => message.role).lastIndexOf('user');
	const phone = /\+?\d[\d\s-]{5,}\d/.exec(textOf(messages[lastUser]))?.[0].replace(/[\s-]/g, '');
	if (!phone) return { content: 'Which number should we call you back on?' };
	const results = messages.slice(lastUser + 1).filter((message) => message.role === 'tool');
	const lookup = toolNamed(tools, /find|look.?up|search/i);
	const call = toolNamed(tools, /click.?to.?call|ring/i);
	const calls = messages.slice(lastUser + 1).flatMap((message) => message.tool_calls ?? []);
	const resultOf = (tool: ToolSchema | undefined) => {
		const index = calls.findIndex((c) => c.function.name === tool?.function.name);
		return index < 0 ? undefined : textOf(results.find((result) => result.tool_call_id === calls[index].id));
	};
	if (lookup && resultOf(lookup) === undefined) return { toolCalls: [{ name: lookup.function.name, arguments: argumentsFor(lookup, phone) }] };
	const found = resultOf(lookup) ?? '';
	const name = /"(?:user_nick|nick)":\s*"([^"]+)"/.exec(found)?.[1];
	if (lookup && !/"found":\s*true/.test(found)) return { content: `I could not find a customer with the number ${phone}. An agent will review your request.` };
	if (call && resultOf(call) === undefined) return { toolCalls: [{ name: call.function.name, arguments: argumentsFor(call, phone) }] };
	const outcome = resultOf(call) ?? '';
	if (/"error"/.test(outcome)) return { content: `Sorry${name ? `, ${name}` : ''}: the callback could not be booked (${outcome}).` };
	if (/alreadyCalled":\s*true/.test(outcome)) return { content: `${name ?? 'You'}, an agent is already calling you on ${phone}.` };
	return { content: `Thank you${name ? `, ${name}` : ''}: an agent is calling you now on ${phone}.` };
}

/** Enough for a test's conversation; a long `npm start` session does not grow without end. */
const KEPT_REQUESTS = 200;

let completions = 0;

function asCompletion(reply: ScriptedReply, model: string) {
	const id = `chatcmpl-sandbox-${++completions}`;
	const message =
		'content' in reply
			? { role: 'assistant', content: reply.content }
			: {
					role: 'assistant',
					content: null,
					tool_calls: reply.toolCalls.map((call, index) => ({ id: `call_${completions}_${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } })),
				};
	return {
		id,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, finish_reason: 'content' in reply ? 'stop' : 'tool_calls' }],
		usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
	};
}

/** The same answer as server-sent events, for a client that asked for `stream: true`. */
function asStream(completion: ReturnType<typeof asCompletion>): string {
	const { message, finish_reason } = completion.choices[0];
	const chunk = (delta: unknown, finish: string | null) =>
		`data: ${JSON.stringify({ id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
	const toolCalls = 'tool_calls' in message ? message.tool_calls?.map((call, index) => ({ index, ...call })) : undefined;
	return chunk({ role: 'assistant', content: message.content ?? '', ...(toolCalls ? { tool_calls: toolCalls } : {}) }, null) + chunk({}, finish_reason) + 'data: [DONE]\n\n';
}

export function modelStub(state: ModelState) {
	return (request: RecordedRequest): Reply => {
		const path = new URL(request.path, 'http://x').pathname;
		// The sandbox's own: a wrong key answers like OpenAI's 401 (its error envelope).
		if (request.headers.authorization !== `Bearer ${MODEL_API_KEY}`) {
			return { status: 401, body: { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } } };
		}
		// The sandbox's own: the model list n8n's credential test and model picker read (OpenAI's GET /models shape).
		if (path === '/v1/models' && request.method === 'GET') {
			return { body: { object: 'list', data: [{ id: MODEL_NAME, object: 'model', created: 0, owned_by: 'sandbox' }] } };
		}
		// The sandbox's own: chat completions, scripted answers first, then the built-in callback agent.
		if (path === '/v1/chat/completions' && request.method === 'POST') {
			const body = request.json() as { model?: string; messages?: ChatMessage[]; tools?: ToolSchema[]; stream?: boolean };
			const messages = body.messages ?? [];
			const tools = body.tools ?? [];
			state.requests.push({ messages, tools });
			if (state.requests.length > KEPT_REQUESTS) state.requests.shift();
			const completion = asCompletion(state.script.shift() ?? callbackAgent(messages, tools), body.model ?? MODEL_NAME);
			if (body.stream) return { headers: { 'content-type': 'text/event-stream' }, body: asStream(completion) };
			return { body: completion };
		}
		// The sandbox's own: any other path, OpenAI's 404 envelope.
		return { status: 404, body: { error: { message: `Unknown request URL: ${request.method} ${path}`, type: 'invalid_request_error' } } };
	};
}
