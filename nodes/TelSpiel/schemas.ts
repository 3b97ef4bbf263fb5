import { z } from 'zod/v4';

/** telSpiel's answer to a Click To Call job; the body's `code` mirrors the HTTP status. */
export const clickToCallResult = z.looseObject({
	code: z.coerce.number().describe('Status code telSpiel put in the body; 200 when the job was accepted'),
	status: z.string().describe('"success" when the job was accepted'),
	message: z.string().describe('telSpiel\'s message, e.g. "Data successfully submitted for call."'),
	alreadyCalled: z.boolean().optional().describe('With "Ring Once Per": true when the customer was already rung for that key, and no call was placed'),
});

export type ClickToCallResult = z.output<typeof clickToCallResult>;

/** Any telSpiel answer: success or error, as far as the documented fields go. */
export const telSpielBody = z.looseObject({
	code: z.coerce.number().optional(),
	status: z.string().optional(),
	message: z.string().optional(),
	// 422 answers carry the field errors as a JSON-encoded string, not an object.
	errors: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});
