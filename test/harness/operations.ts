/**
 * Every operation of the package with one example parameter set that succeeds against the sandbox,
 * in an order where each example finds what it needs (ServicePattern's chat exists before its events).
 * The reference docs, the fault matrix and the fuzz suite all start from this list; a test fails when
 * an operation has no example.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import type { Operation } from '../../nodes/shared/operation';
import { credentialData } from '../../sandbox/accounts';
import type { Sandbox } from '../../sandbox/main';
import { haptikUserOf } from '../../sandbox/haptik';
import { AGENT } from '../../sandbox/servicepattern';
import { SERVICES } from '../../scripts/service-entries';
import type { ServiceEntry } from '../../scripts/service-entries';

// The services come from the registry (scripts/services.json), in its order; what is here is the tests' own.
export { SERVICES };
export type { ServiceEntry };

export interface OperationExample {
	service: ServiceEntry['key'];
	resource: string;
	operation: string;
	parameters: IDataObject;
	/** ServicePattern operations that exist only in API v2. */
	apiVersion?: 'v2';
	/** Binary data the item carries (file uploads). */
	file?: { content: Buffer; fileName: string; mimeType: string };
}

const sp = (resource: string, operation: string, parameters: IDataObject = {}): OperationExample => ({
	service: 'servicepattern',
	resource,
	operation,
	parameters: { conversation: 'key', conversationKey: 'whatsapp:+15550001', ...parameters },
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** Haptik's own IDs of the example user, as the sandbox derives them from the auth ID. */
const HAPTIK_EXAMPLE_USER = haptikUserOf('customer-1042');

export const EXAMPLES: OperationExample[] = [
	{ service: 'telspiel', resource: 'call', operation: 'clickToCall', parameters: { agentPhone: '9000000001', customerPhone: '13800000001', campaignName: 'VIP desk' } },

	{ service: 'sobot', resource: 'customer', operation: 'find', parameters: { searchBy: 'phone', value: '13800000001' } },
	{ service: 'sobot', resource: 'customer', operation: 'search', parameters: { returnAll: false, limit: 2, filters: { nick: 'Asha' } } },
	{ service: 'sobot', resource: 'customer', operation: 'create', parameters: { nick: 'Chen', additionalFields: { phones: '13800000003', emails: 'chen@example.com' } } },
	{ service: 'sobot', resource: 'customer', operation: 'update', parameters: { customerId: 'u-1001', updateFields: { remark: 'Prefers morning calls' } } },
	{ service: 'sobot', resource: 'customer', operation: 'getCustomFields', parameters: {} },
	{
		service: 'sobot',
		resource: 'ticket',
		operation: 'create',
		parameters: { title: 'Refund request', content: 'Order 1042 arrived damaged', typeId: 'type-1', customerBy: 'customerId', customer: 'u-1001', source: 1 },
	},
	{ service: 'sobot', resource: 'ticket', operation: 'get', parameters: { ticketId: 't-501' } },
	{ service: 'sobot', resource: 'ticket', operation: 'getDataDictionary', parameters: { entries: 'ticketTypes' } },
	{
		service: 'sobot',
		resource: 'ticket',
		operation: 'uploadAttachment',
		parameters: { binaryProperty: 'data' },
		file: { content: Buffer.from('%PDF-1.4 delivery note 1042\n'), fileName: 'delivery-1042.pdf', mimeType: 'application/pdf' },
	},
	{ service: 'sobot', resource: 'ticket', operation: 'search', parameters: { createdAfter: '2026-11-01T00:00:00', createdBefore: '2026-11-23T00:00:00', returnAll: false, limit: 10 } },
	{ service: 'sobot', resource: 'ticket', operation: 'addReply', parameters: { ticketId: 't-501', content: 'We are sending a replacement today.' } },
	{
		service: 'sobot',
		resource: 'ticket',
		operation: 'createAsAgent',
		parameters: { title: 'Callback requested', content: 'Customer asked for a callback after 5 pm', typeId: 'type-1', customerId: 'u-1001', createdByAgentId: 'agent-9', source: 4, status: 'new', priority: 'high', additionalFields: { groupId: 'g-2' } },
	},
	{
		service: 'sobot',
		resource: 'ticket',
		operation: 'addAgentReply',
		parameters: { ticketId: 't-501', content: 'The replacement was delivered.', visibleTo: 'everyone', replyingAgentId: 'agent-9', status: 'solved' },
	},

	{ service: 'hover', resource: 'action', operation: 'list', parameters: { includeArchived: false } },
	{ service: 'hover', resource: 'action', operation: 'get', parameters: { actionId: byId('13ce04ca') } },
	{
		service: 'hover',
		resource: 'action',
		operation: 'create',
		parameters: {
			name: 'Check Bundle Balance',
			operators: ['2172'],
			transportType: 'ussd',
			rootCode: '*544#',
			steps: { step: [{ type: 'number', value: '2' }, { type: 'pin' }] },
		},
	},
	{
		service: 'hover',
		resource: 'action',
		operation: 'update',
		parameters: {
			actionId: byId('13ce04ca'),
			updateFields: { name: 'Check Data Balance', steps: { step: [{ type: 'number', value: '1', description: 'one' }, { type: 'number', value: '5' }, { type: 'ok' }] } },
		},
	},
	{ service: 'hover', resource: 'action', operation: 'listParsers', parameters: { actionId: byId('13ce04ca') } },
	{ service: 'hover', resource: 'action', operation: 'archive', parameters: { actionId: byId('13ce04ca') } },
	{ service: 'hover', resource: 'action', operation: 'restore', parameters: { actionId: byId('13ce04ca') } },
	{ service: 'hover', resource: 'parser', operation: 'create', parameters: { actionId: byId('13ce04ca'), status: 'failed', category: 'insufficient-funds', regex: 'insufficient (funds|balance)' } },
	{ service: 'hover', resource: 'parser', operation: 'get', parameters: { parserId: '157340' } },
	{ service: 'hover', resource: 'parser', operation: 'update', parameters: { parserId: '157340', updateFields: { targetType: 'sms', sender: 'MPESA', userMessage: 'Money sent' } } },
	{ service: 'hover', resource: 'parser', operation: 'archive', parameters: { parserId: '157340' } },
	{ service: 'hover', resource: 'parser', operation: 'restore', parameters: { parserId: '157340' } },
	{ service: 'hover', resource: 'app', operation: 'create', parameters: { name: 'Field Agent', packageName: 'com.example.agent' } },
	{ service: 'hover', resource: 'app', operation: 'get', parameters: { appId: '43120' } },
	{ service: 'hover', resource: 'app', operation: 'update', parameters: { appId: '43120', updateFields: { webhookUrl: 'https://n8n.example.com/webhook/hover' } } },
	{ service: 'hover', resource: 'app', operation: 'archive', parameters: { appId: '43120' } },
	{ service: 'hover', resource: 'app', operation: 'restore', parameters: { appId: '43120' } },

	sp('chat', 'checkAvailability'),
	sp('chat', 'getExpectedParameters'),
	sp('chat', 'getWidgetConfiguration'),
	sp('chat', 'requestChat', { additionalFields: { from: 'Ann', phoneNumber: '+1 555 0001' } }),
	sp('chat', 'getActiveChat'),
	sp('chat', 'getNewChatEvents'),
	sp('event', 'sendMessage', { message: 'My order is late' }),
	sp('event', 'sendTyping', { typing: true }),
	sp('event', 'sendLocation', { latitude: 52.52, longitude: 13.405 }),
	sp('event', 'sendNavigation', { page: 'https://shop.example.com/checkout', title: 'Checkout' }),
	sp('event', 'submitFormData', { formRequestId: 'form-9', formName: 'survey', data: '{"score": 5}' }),
	sp('event', 'sendEvent', { event: '{"event":"chat_session_signaling","msg_id":"s:1","destination_party_id":"agent-42","data":{"type":"REQUEST_CALL","offerVideo":"false"}}' }),
	{ ...sp('file', 'uploadFile', { binaryProperty: 'data', postToChat: true }), file: { content: Buffer.from('Order 1042: one damaged mug\n'), fileName: 'order-1042.txt', mimeType: 'text/plain' } },
	sp('file', 'getFile', { fileId: 'file-1' }),
	sp('file', 'getAgentProfilePhoto', { partyId: AGENT.party_id }),
	sp('chat', 'getChatHistory'),
	{ ...sp('chat', 'subscribeToPush', { pushService: 'androidFirebase', deviceToken: 'fcm-device-token-1' }), apiVersion: 'v2' },
	{ ...sp('chat', 'getVersion'), apiVersion: 'v2' },
	{ ...sp('chat', 'getCaseHistory'), apiVersion: 'v2' },
	{ ...sp('chat', 'closeCase'), apiVersion: 'v2' },
	sp('chat', 'disconnect'),
	sp('chat', 'endChat'),

	// The sandbox's Haptik user asks for a person, so the chat is with the agent tool for its operations.
	{ service: 'haptik', resource: 'user', operation: 'createOrUpdate', parameters: { authId: 'customer-1042', additionalFields: { name: 'Asha', mobileNo: '13800000001', customData: '{"city": "Bengaluru"}' } } },
	{ service: 'haptik', resource: 'user', operation: 'update', parameters: { authId: 'customer-1042', additionalFields: { email: 'asha@example.com', languageCode: 'en' } } },
	{ service: 'haptik', resource: 'message', operation: 'send', parameters: { authId: 'customer-1042', text: 'I want to talk to a human' } },
	{ service: 'haptik', resource: 'message', operation: 'sendFile', parameters: { authId: 'customer-1042', binaryProperty: 'data', options: { caption: 'My receipt' } }, file: { content: Buffer.from('%PDF-1.4 receipt 1042\n'), fileName: 'receipt-1042.pdf', mimeType: 'application/pdf' } },
	{ service: 'haptik', resource: 'chat', operation: 'getTranscript', parameters: { identifyBy: 'userName', userName: HAPTIK_EXAMPLE_USER.userName, conversationNo: 1, options: { limit: 20 } } },
	{ service: 'haptik', resource: 'chat', operation: 'sendFeedback', parameters: { authId: 'customer-1042', queryResolved: true, queryRating: 4, options: { feedback: 'Quick and kind' } } },
	{ service: 'haptik', resource: 'agentTool', operation: 'getUser', parameters: { userId: HAPTIK_EXAMPLE_USER.userId, details: 'name, mobile_no' } },
	{ service: 'haptik', resource: 'agentTool', operation: 'sendEvent', parameters: { userId: HAPTIK_EXAMPLE_USER.userId, event: 'assigned', metadata: 'Ana' } },
	{ service: 'haptik', resource: 'agentTool', operation: 'sendMessage', parameters: { userId: HAPTIK_EXAMPLE_USER.userId, text: 'Hi, I am Ana from support', sender: 'aeu' } },
	{ service: 'haptik', resource: 'agentTool', operation: 'listListeners', parameters: { userId: HAPTIK_EXAMPLE_USER.userId } },
	{ service: 'haptik', resource: 'agentTool', operation: 'handBack', parameters: { userId: HAPTIK_EXAMPLE_USER.userId, botReceiver: byId('iva'), agentToolReceiver: byId('message_delivery_contact_center') } },
	{ service: 'haptik', resource: 'chat', operation: 'moveToAgent', parameters: { userName: HAPTIK_EXAMPLE_USER.userName, teamName: 'Support', options: { receiver: 'message_delivery_contact_center', countdown: 5 } } },
	{ service: 'haptik', resource: 'webhook', operation: 'reenable', parameters: { options: {} } },
];

/** A sandbox request path (as the sandbox logs it) that signs in or fetches a token. */
export const isAuthPath = (path: string) => SERVICES.some((entry) => entry.authPath !== undefined && path.startsWith(entry.authPath));

export function entryOf(key: ServiceEntry['key']): ServiceEntry {
	return SERVICES.find((entry) => entry.key === key)!;
}

export function operationOf(example: Pick<OperationExample, 'service' | 'resource' | 'operation'>): Operation<unknown> {
	const operation = entryOf(example.service).actions.operations.find((op) => op.resource === example.resource && op.value === example.operation);
	if (!operation) throw new Error(`No operation ${example.service} ${example.resource}.${example.operation}`);
	return operation;
}

/** The sandbox's test accounts as n8n credentials, by credential type. */
export function sandboxCredentials(sandbox: Pick<Sandbox, 'serviceUrl'>, changes: { servicePatternVersion?: 'v1' | 'v2' } = {}) {
	const data = credentialData(sandbox.serviceUrl as (service: string) => string);
	return { ...data, servicePatternApi: { ...data.servicePatternApi, apiVersion: changes.servicePatternVersion ?? 'v1' } };
}

/** "sobot customer.find": how suites name an example. */
export const exampleName = (example: Pick<OperationExample, 'service' | 'resource' | 'operation'>) =>
	`${example.service} ${example.resource}.${example.operation}`;

export const NODE_NAME = 'Operation';

/** Input → the operation's node → After, as the editor would save it. */
export function operationWorkflow(
	example: Pick<OperationExample, 'service' | 'resource' | 'operation' | 'parameters'>,
	options: { continueOnFail?: boolean; requestOptions?: IDataObject } = {},
): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	const entry = entryOf(example.service);
	return {
		nodes: [
			{ id: '00000000-0000-4000-8000-000000000001', name: 'Input', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '00000000-0000-4000-8000-000000000002',
				name: NODE_NAME,
				type: entry.nodeType,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: example.resource, operation: example.operation, ...example.parameters, requestOptions: options.requestOptions ?? {} } as INodeParameters,
				credentials: { [entry.service.credentialType]: { id: '1', name: 'Sandbox' } },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
			{ id: '00000000-0000-4000-8000-000000000003', name: 'After', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [440, 0], parameters: {} },
		],
		connections: {
			Input: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
			[NODE_NAME]: { main: [[{ node: 'After', type: 'main', index: 0 }]] },
		},
	};
}

export type Items = INodeExecutionData[];
