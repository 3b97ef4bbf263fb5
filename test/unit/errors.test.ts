import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { InputError, Redactor, ServiceError, errorItemJson, toNodeError } from '../../nodes/shared/errors';

const node: INode = { id: '1', name: 'telSpiel', type: 'n8n-nodes-contact-center.telSpiel', typeVersion: 1, position: [0, 0], parameters: {} };
const SECRET = 'tsk_live_0123456789abcdef';

describe('Redactor', () => {
	const redactor = new Redactor([SECRET, undefined, 'ab']);

	test('removes known secret values wherever they appear', () => {
		expect(redactor.text(`key ${SECRET} was rejected (${SECRET})`)).toBe('key [redacted] was rejected ([redacted])');
	});

	test('removes values in secret-looking slots even when the value is not known', () => {
		expect(redactor.text('api-key: abc123XYZ sent')).toBe('api-key: [redacted] sent');
		expect(redactor.text('{"token":"eyJhbGciOi.x.y","name":"n"}')).toBe('{"token":"[redacted]","name":"n"}');
		expect(redactor.text('GET /x?app_key=zz9&id=1')).toBe('GET /x?app_key=[redacted]&id=1');
		expect(redactor.text('Authorization: Bearer eyJhbGciOi.abc.def')).toContain('[redacted]');
		expect(redactor.text('Authorization: Bearer eyJhbGciOi.abc.def')).not.toContain('eyJ');
	});

	test('does not treat short strings as secrets', () => {
		expect(redactor.text('about ab')).toBe('about ab');
	});

	test('redacts nested values and blanks secret-named keys', () => {
		expect(redactor.value({ headers: { 'api-key': 'k', accept: 'json' }, list: [`x ${SECRET}`] })).toEqual({
			headers: { 'api-key': '[redacted]', accept: 'json' },
			list: ['x [redacted]'],
		});
	});
});

describe('toNodeError', () => {
	const redactor = new Redactor([SECRET]);

	test('an input error becomes a NodeOperationError for its item', () => {
		const error = toNodeError(node, new InputError('Invalid value for "Agent Phone" [item 3]', 'Expected digits'), 3, redactor);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Invalid value for "Agent Phone" [item 3]');
		expect(error.description).toBe('Expected digits');
		expect(error.context.itemIndex).toBe(3);
	});

	test('a service error becomes a NodeApiError with status, code, fields and no secret', () => {
		const error = toNodeError(
			node,
			new ServiceError(`Rejected ${SECRET}`, {
				httpCode: 422,
				code: 'invalid',
				fields: [{ field: 'customer_phone', message: 'Customer phone is required' }],
				body: { echoed: SECRET },
			}),
			1,
			redactor,
		) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Rejected [redacted]');
		expect(error.httpCode).toBe('422');
		expect(error.description).toBe('customer_phone: Customer phone is required');
		expect(JSON.stringify(error)).not.toContain(SECRET);
		expect(errorItemJson(error)).toEqual({
			error: 'Rejected [redacted]',
			description: 'customer_phone: Customer phone is required',
			httpCode: '422',
			code: 'invalid',
			fields: [{ field: 'customer_phone', message: 'Customer phone is required' }],
		});
	});

	test('anything else becomes a NodeOperationError without secrets', () => {
		const error = toNodeError(node, new Error(`boom with ${SECRET}`), 0, redactor);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('boom with [redacted]');
	});
});
