import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { reply } from '../../schemas';

const properties: INodeProperties[] = [
	{ displayName: 'Ticket ID', name: 'ticketId', type: 'string', required: true, default: '' },
	{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 4 }, required: true, default: '' },
	{
		displayName: 'Attachment Paths',
		name: 'files',
		type: 'string',
		default: '',
		description: 'Paths of files uploaded to Sobot, separated by ;',
	},
];

export const addReply = defineOperation({
	resource: 'ticket',
	value: 'addReply',
	name: 'Add Customer Reply',
	description: 'Add a reply from the customer to a ticket; agents reply with Reply as Agent',
	action: 'Add a customer reply to a ticket',
	properties,
	input: z.object({ ticketId: nonEmptyString, content: nonEmptyString, files: optionalString }),
	output: reply,
	sideEffects: true,
	run: async (client: SobotClient, input) => {
		await client.addReply(input.ticketId, input.content, input.files);
		return { ticketid: input.ticketId, replied: true };
	},
});
