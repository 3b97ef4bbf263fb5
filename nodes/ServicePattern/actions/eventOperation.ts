import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { ServiceError } from '../../shared/errors';
import { defineOperation } from '../../shared/operation';
import type { ServicePatternClient } from '../client';
import { chatOf, clientIdOf } from '../conversation';
import { chatIdInput, chatIdProperty, conversationProperties, conversationRequired } from '../parameters';
import type { ConversationInput } from '../parameters';
import { V2_CLIENT_EVENTS, clientEventSchema, sentEvent } from '../schemas';
import type { ClientEvent } from '../schemas';
import { requireV2 } from './v2';

/** An operation that sends one client event to the conversation's chat. */
export function sendEventOperation<Shape extends z.ZodRawShape>(options: {
	resource?: string;
	value: string;
	name: string;
	description: string;
	action: string;
	properties: INodeProperties[];
	input: Shape;
	/** False only for events that are harmless to repeat. */
	sideEffects?: boolean;
	build: (input: z.output<z.ZodObject<Shape>>, chatId: string) => unknown;
}) {
	return defineOperation({
		resource: options.resource ?? 'event',
		value: options.value,
		name: options.name,
		description: options.description,
		action: options.action,
		properties: [...conversationProperties, chatIdProperty, ...options.properties],
		input: conversationRequired({ ...chatIdInput, ...options.input }),
		output: sentEvent,
		sideEffects: options.sideEffects ?? true,
		// A conversation's events go out in item order, one at a time; other conversations run alongside.
		run: (client: ServicePatternClient, values) => {
			// The generic shape hides the conversation fields from the type checker; they are there.
			const input = values as unknown as ConversationInput & { chatId?: string };
			return client.inConversation(clientIdOf(input), () => send(client, values as z.output<z.ZodObject<Shape>>, input));
		},
	});

	async function send(client: ServicePatternClient, values: z.output<z.ZodObject<Shape>>, input: ConversationInput & { chatId?: string }) {
		// Before any request, the chat's lookup included: the event's name does not depend on the chat.
		const name = (options.build(values, '') as { event?: unknown } | null)?.event;
		if (typeof name === 'string' && V2_CLIENT_EVENTS.has(name)) requireV2(client, `The ${name} event`);
		const { clientId, chatId } = await chatOf(client, input);
		const checked = clientEventSchema.safeParse(options.build(values, chatId));
		if (!checked.success) {
			const issue = checked.error.issues[0];
			throw new ServiceError('The event is not one the contact center accepts', {
				description: `${issue.path.join('.') || 'event'}: ${issue.message}`,
			});
		}
		const events = await client.sendEvent(clientId, chatId, checked.data as ClientEvent);
		return { clientId, chatId, sent: checked.data, events };
	}
}

export const messageIdProperty: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	default: '',
	description: 'Leave empty to number it as &lt;chat ID&gt;:&lt;n&gt;',
};
