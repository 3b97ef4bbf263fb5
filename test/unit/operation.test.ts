import { z } from 'zod/v4';

import { defineActions, defineOperation, describeOperations } from '../../nodes/shared/operation';
import { defineService } from '../../nodes/shared/service';
import { TelSpiel } from '../../nodes/TelSpiel/TelSpiel.node';

const operation = (resource: string, value: string, name: string) =>
	defineOperation({
		resource,
		value,
		name,
		description: `${name} description`,
		action: `${name} action`,
		properties: [{ displayName: 'Id', name: 'id', type: 'string', default: '', displayOptions: { show: { mode: ['x'] } } }],
		input: z.object({}),
		output: z.object({}),
		sideEffects: false,
		run: async () => ({}),
	});

const service = defineActions({
	service: defineService({ name: 'Test', credentialType: 'testApi', secretFields: [], authSteps: [], documentedErrors: [], createClient: () => ({}) }),
	resources: [
		{ value: 'ticket', name: 'Ticket' },
		{ value: 'customer', name: 'Customer' },
	],
	operations: [operation('customer', 'update', 'Update'), operation('customer', 'find', 'Find'), operation('ticket', 'create', 'Create')],
});

test('the pickers are generated from the operations, sorted, each operation shown for its resource', () => {
	const properties = describeOperations(service);
	const [resource, ...rest] = properties;

	expect(resource).toMatchObject({ name: 'resource', default: 'customer', options: [{ value: 'customer' }, { value: 'ticket' }] });
	const pickers = rest.filter((p) => p.name === 'operation');
	expect(pickers.map((p) => [p.displayOptions?.show?.resource, p.default, p.options?.map((o) => ('value' in o ? o.value : ''))])).toEqual([
		[['customer'], 'find', ['find', 'update']],
		[['ticket'], 'create', ['create']],
	]);
	expect(pickers[0].options?.[0]).toEqual({ name: 'Find', value: 'find', description: 'Find description', action: 'Find action' });
});

test('each operation’s own parameters keep their own conditions and are shown only for it', () => {
	const ids = describeOperations(service).filter((p) => p.name === 'id');
	expect(ids.map((p) => p.displayOptions?.show)).toEqual([
		{ mode: ['x'], resource: ['customer'], operation: ['update'] },
		{ mode: ['x'], resource: ['customer'], operation: ['find'] },
		{ mode: ['x'], resource: ['ticket'], operation: ['create'] },
	]);
});

test('an operation naming an unknown resource is refused', () => {
	expect(() => describeOperations({ ...service, operations: [operation('nope', 'x', 'X')] })).toThrow('unknown resource "nope"');
});

test('every node parameter has a default and the request options come last', () => {
	const { properties } = new TelSpiel().description;
	expect(properties.every((p) => p.default !== undefined)).toBe(true);
	expect(properties[properties.length - 1]).toMatchObject({ name: 'requestOptions', type: 'collection' });
});
