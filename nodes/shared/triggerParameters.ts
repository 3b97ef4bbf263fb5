import { NodeOperationError } from 'n8n-workflow';
import type { INode, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { displayNameOf, expected } from './inputErrors';

/**
 * A trigger's parameters, checked before it starts or answers: an error naming each one that does
 * not fit and what it expects. What was given is not repeated: a trigger's parameters include secrets.
 */
export function triggerParameters<Schema extends z.ZodType>(
	context: { getNode(): INode },
	properties: INodeProperties[],
	schema: Schema,
	values: unknown,
	needs: string,
): z.output<Schema> {
	const parsed = schema.safeParse(values);
	if (parsed.success) return parsed.data;
	throw new NodeOperationError(context.getNode(), `The trigger needs ${needs}`, {
		description: parsed.error.issues.map((issue) => `${displayNameOf(properties, issue.path)}: ${expected(issue)}.`).join('\n'),
	});
}
