import type { z } from 'zod/v4';

import { ServiceError } from './errors';
import { expected } from './inputErrors';
import type { Issue } from './inputErrors';

/** A service's answer checked against its documented shape; a mismatch is a clear error, never a crash later on. */
export function parseAnswer<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0] as Issue;
	throw new ServiceError('The service answered in an unexpected shape', {
		description: `${issue.path.join('.') || 'answer'}: ${expected(issue)}. The service may have changed its API; please report this.`,
		body: value,
	});
}
