/**
 * The transport under n8n's own ExecuteContext and request helpers, whose httpRequestWithAuthentication
 * ties every request to the execution's cancel signal: cancelling still stops every request in
 * flight, and requests do not pile their listeners onto one signal (bench/RESULTS.md, 2026-12-03).
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecuteContext } from 'n8n-core';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import type { ICredentialType, IExecuteFunctions, INode, INodeType, INodeTypes } from 'n8n-workflow';

import { createTransport } from '../../nodes/shared/http';
import { baseAdditionalData } from '../harness/additionalData';
import { TestCredentialsHelper } from '../harness/credentials';

const node: INode = { id: '1', name: 'Node', type: 'test.node', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { testApi: { id: '1', name: 'Test' } } };
const testApi: ICredentialType = { name: 'testApi', displayName: 'Test', properties: [], authenticate: async (_credentials, options) => ({ ...options, headers: { ...options.headers, 'x-key': 'k' } }) };

function executeContext(signal: AbortSignal): IExecuteFunctions {
	const nodeType = { description: { name: 'test.node', properties: [], credentials: [{ name: 'testApi', required: true }] } } as unknown as INodeType;
	const nodeTypes: INodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = baseAdditionalData({ credentialsHelper: new TestCredentialsHelper({ testApi }, { testApi: {} }) });
	return new ExecuteContext(workflow, node, additionalData, 'internal', createRunExecutionData(), 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, [], signal);
}

let server: Server;
let url = '';
/** Requests the server holds until `answerHeld` (or until their socket closes). */
let held: ServerResponse[] = [];
let holding = false;
const answer = (response: ServerResponse) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
const answerHeld = () => held.splice(0).forEach(answer);

beforeAll(async () => {
	server = createServer((_request: IncomingMessage, response: ServerResponse) => (holding ? held.push(response) : answer(response)));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/things`;
});
afterEach(() => {
	holding = false;
	answerHeld();
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

const transportFor = (context: IExecuteFunctions) => createTransport(context, { credentialType: 'testApi', timeoutMs: 60_000, retryUnsafe: true, retry: { maxRetries: 0 } });

async function until(condition: () => boolean) {
	for (const deadline = Date.now() + 5000; !condition(); ) {
		if (Date.now() > deadline) throw new Error('The requests did not reach the server');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

test('cancelling the execution stops every request in flight', async () => {
	const execution = new AbortController();
	const transport = transportFor(executeContext(execution.signal));
	holding = true;
	const requests = Array.from({ length: 20 }, () => transport.request({ method: 'GET', url }).then(() => 'answered', () => 'stopped'));
	await until(() => held.length === 20);

	execution.abort();

	// The server never answers them: only the cancel ends them (the timeout is a minute, the test's 5 s).
	expect(await Promise.all(requests)).toEqual(Array(20).fill('stopped'));
});

test('requests in flight do not add their abort listeners to one shared signal', async () => {
	const execution = new AbortController();
	const transport = transportFor(executeContext(execution.signal));
	// How many abort listeners the signal already had, at each listener added to a signal.
	const crowded: number[] = [];
	const listeners = new WeakMap<EventTarget, number>();
	const add = EventTarget.prototype.addEventListener;
	const remove = EventTarget.prototype.removeEventListener;
	const spyAdd = jest.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
		if (type === 'abort' && this instanceof AbortSignal) {
			const count = listeners.get(this) ?? 0;
			if (count > 0) crowded.push(count);
			listeners.set(this, count + 1);
		}
		return add.call(this, type, listener, options);
	});
	const spyRemove = jest.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (this: EventTarget, type, listener, options) {
		if (type === 'abort' && this instanceof AbortSignal) listeners.set(this, Math.max(0, (listeners.get(this) ?? 1) - 1));
		return remove.call(this, type, listener, options);
	});
	try {
		const round = async () => {
			holding = true;
			const requests = Array.from({ length: 20 }, () => transport.request({ method: 'GET', url }));
			await until(() => held.length === 20);
			answerHeld();
			await Promise.all(requests);
		};
		await round();
		const afterFirstRound = crowded.length;
		await round();
		await round();

		// Each request's signal is its lane's, alone; the lanes were tied to the execution's once.
		expect(crowded.length).toBe(afterFirstRound);
		expect(afterFirstRound).toBeLessThanOrEqual(20);
	} finally {
		spyAdd.mockRestore();
		spyRemove.mockRestore();
	}
});
