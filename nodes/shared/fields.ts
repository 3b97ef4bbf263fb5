import { z } from 'zod/v4';

// n8n hands a parameter filled by an expression over with the expression's own type, so text
// fields accept numbers (a phone number mapped from JSON is often one) and read them as text.
// Anything else, nothing included (an expression such as {{ $json.mobile }} on an item without it),
// is told as what the field expects: a union alone says only "Invalid input".
const textExpecting = (expected: string) => z.union([z.string(), z.number().transform(String)], { error: expected });
const text = textExpecting('text');

/** Required text: trimmed, not empty. */
export const nonEmptyString = textExpecting('a value').pipe(
	z.string().trim().min(1, { error: 'a value' }),
);

/** Optional text: an empty field (n8n's default for an unset string) reads as absent. */
export const optionalString = z
	.union([text, z.null()])
	.optional()
	.transform((value) => (value === null || value === undefined ? undefined : value.trim() || undefined));

/** Values separated by commas, as typed in one text field ("a, b"): the list, empty when the field is. */
export const commaSeparated = optionalString.transform((value) => (value ? value.split(',').map((part) => part.trim()).filter(Boolean) : []));

/**
 * A number as people type it for dialling: `prepare` first (what the API needs taken off), then the
 * spaces, dashes, dots and brackets typed for readability are removed, and what is left must match.
 */
function dialled(expected: string, pattern: RegExp, prepare: (value: string) => string = (value) => value) {
	return textExpecting(expected).pipe(
		z
			.string()
			.transform((value) => prepare(value.trim()).replace(/[\s\-().]/g, ''))
			.pipe(z.string().regex(pattern, { error: expected })),
	);
}

/**
 * A number to call someone back on, as people write it: a leading + and country code, and a national
 * trunk "(0)" after the country code, which is never dialled with it (+44 (0)20 7946 0958 is
 * +442079460958). An extension such as 3001 is a callback number too.
 */
export const callbackNumber = dialled(
	'a phone number or extension: digits with an optional leading + and country code, e.g. 3001 or +44 20 7946 0958',
	/^\+?\d{1,20}$/,
	(value) => value.replace(/^(\+\d{1,3})[\s\-.]*\(0\)/, '$1'),
);

/** A phone number for an API that takes digits only (telSpiel's "Numeric"): the + of an international number goes. */
export const numericPhoneNumber = dialled(
	'a phone number of 6 to 15 digits (a leading +, spaces, dashes, dots and brackets are removed)',
	/^\d{6,15}$/,
	(value) => value.replace(/\+/g, ''),
);

const UUID = 'a UUID such as 123e4567-e89b-12d3-a456-426614174000';
export const uuid = textExpecting(UUID).pipe(z.string().trim().pipe(z.uuid({ error: UUID })));

const URL_EXPECTED = 'an http:// or https:// URL';
const urlCheck = z.url({ protocol: /^https?$/, error: URL_EXPECTED });

export const httpUrl = textExpecting(URL_EXPECTED).pipe(z.string().trim().pipe(urlCheck));

/** `schema`, or absent when the field is empty (n8n's default for an unset field). */
export function optionalOf<T extends z.ZodType>(schema: T) {
	// Not a union: a union reports only "Invalid input", hiding what the schema expected.
	const optional = schema.optional() as unknown as z.ZodType<z.output<T> | undefined, {} | undefined>;
	return z
		.unknown()
		.transform((value) => (value === '' || value === null ? undefined : value))
		.pipe(optional)
		.optional();
}

/** An http(s) URL, or absent when the field is empty. */
export const optionalHttpUrl = optionalOf(httpUrl);

/** A whole number within bounds, as a node option; absent means the default. */
export function boundedInteger(min: number, max: number, fallback: number) {
	return z
		.union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number), z.null(), z.undefined()])
		.transform((value) => value ?? fallback)
		.pipe(
			z
				.number()
				.int({ error: `a whole number from ${min} to ${max}` })
				.min(min, { error: `a whole number from ${min} to ${max}` })
				.max(max, { error: `a whole number from ${min} to ${max}` }),
		);
}

/** The ID picked in a resource locator (from a list, or typed): n8n hands over `{ __rl, mode, value }`. */
export const resourceLocatorId = z
	.union([z.object({ value: z.union([z.string(), z.number()]) }).transform((locator) => locator.value), z.string(), z.number()])
	.pipe(nonEmptyString);

/** A JSON object, typed in a JSON field (text) or mapped from an expression (already an object). */
export const jsonObject = z
	.unknown()
	.transform((value, ctx) => {
		if (typeof value !== 'string') return value;
		try {
			return JSON.parse(value) as unknown;
		} catch {
			ctx.addIssue({ code: 'custom', message: 'valid JSON' });
			return z.NEVER;
		}
	})
	.pipe(z.record(z.string(), z.unknown(), { error: 'a JSON object' }));

const anyFieldSet = (fields: object) => Object.values(fields).some((value) => value !== undefined);

/**
 * An update's optional fields (the `updateFields` collection), at least one of them given: an
 * update that would send nothing is refused before any request. `sends` says whether the fields
 * make a change; by default, whether any is set.
 */
export function updateFieldsOf<Shape extends z.ZodRawShape>(fields: z.ZodObject<Shape>, sends: (fields: z.output<z.ZodObject<Shape>>) => boolean = anyFieldSet) {
	// Every field of an update is optional, so an unset collection reads as none of them set.
	return fields.prefault({} as z.input<z.ZodObject<Shape>>).refine(sends, { error: 'at least one field to update' });
}
