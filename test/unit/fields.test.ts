import { z } from 'zod/v4';

import { boundedInteger, callbackNumber, httpUrl, nonEmptyString, numericPhoneNumber, optionalString, uuid } from '../../nodes/shared/fields';
import { inputError } from '../../nodes/shared/inputErrors';

test('an empty required value says so once', () => {
	const result = nonEmptyString.safeParse('  ');
	expect(result.success).toBe(false);
	expect(result.error?.issues[0].message).toBe('a value');
});

describe('numericPhoneNumber', () => {
	test.each([
		['9999999999', '9999999999'],
		['+91 99999 00001', '919999900001'],
		['(888) 000-0002', '8880000002'],
		[9999999999, '9999999999'],
	])('reads %p as %p', (input, expected) => {
		expect(numericPhoneNumber.parse(input)).toBe(expected);
	});

	test.each(['', 'call me', '12345', '+1234567890123456', '99-99x'])('rejects %p', (input) => {
		const result = numericPhoneNumber.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toMatch(/^a phone number|^a value/);
	});
});

describe('callbackNumber', () => {
	test.each([
		['+44 (0)20 7946 0958', '+442079460958'],
		['+1 (555) 010-9999', '+15550109999'],
		[' 3001 ', '3001'],
		[3001, '3001'],
	])('reads %p as %p', (input, expected) => {
		expect(callbackNumber.parse(input)).toBe(expected);
	});

	test.each(['', 'call me', '++15550109999', '+1 555 x'])('rejects %p', (input) => {
		expect(callbackNumber.safeParse(input).success).toBe(false);
	});
});

test('optionalString reads an empty field as absent and trims the rest', () => {
	expect(optionalString.parse('')).toBeUndefined();
	expect(optionalString.parse('   ')).toBeUndefined();
	expect(optionalString.parse(undefined)).toBeUndefined();
	expect(optionalString.parse(' Callbacks ')).toBe('Callbacks');
	expect(optionalString.parse(42)).toBe('42');
});

test('nonEmptyString refuses empty text', () => {
	expect(nonEmptyString.safeParse(' ').success).toBe(false);
	expect(nonEmptyString.parse(' x ')).toBe('x');
});

test('boundedInteger falls back when absent and enforces its bounds', () => {
	const concurrency = boundedInteger(1, 50, 5);
	expect(concurrency.parse(undefined)).toBe(5);
	expect(concurrency.parse(12)).toBe(12);
	expect(concurrency.parse('7')).toBe(7);
	expect(concurrency.safeParse(0).success).toBe(false);
	expect(concurrency.safeParse(51).success).toBe(false);
	expect(concurrency.safeParse(2.5).success).toBe(false);
});

describe('a field that comes out empty at run time ({{ $json.mobile }} on an item without it) says what it expects', () => {
	test.each([
		['nonEmptyString', nonEmptyString, /^a value$/],
		['numericPhoneNumber', numericPhoneNumber, /^a phone number of 6 to 15 digits/],
		['callbackNumber', callbackNumber, /^a phone number or extension/],
		['uuid', uuid, /^a UUID such as/],
		['httpUrl', httpUrl, /^an http:\/\/ or https:\/\/ URL$/],
	] as const)('%s', (_name, field, expectation) => {
		for (const nothing of [undefined, null, true, {}]) {
			const result = (field as z.ZodType).safeParse(nothing);
			expect(result.success).toBe(false);
			expect([nothing, result.error?.issues.map((issue) => issue.message)]).toEqual([nothing, [expect.stringMatching(expectation)]]);
		}
	});

	test('as the user reads it: the field, what it expects, and that it got nothing', () => {
		const schema = z.object({ customerPhone: numericPhoneNumber });
		const result = schema.safeParse({});
		const error = inputError([{ displayName: 'Customer Phone', name: 'customerPhone', type: 'string', default: '' }], result.error!.issues, {}, 0);
		expect(error.description).toBe('Customer Phone: Expected a phone number of 6 to 15 digits (a leading +, spaces, dashes, dots and brackets are removed), got nothing.');
	});
});
