import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { SobotClient } from '../../client';
import { ticket } from '../../schemas';

const properties: INodeProperties[] = [
	{ displayName: 'Ticket ID', name: 'ticketId', type: 'string', required: true, default: '' },
];

export const get = defineOperation({
	resource: 'ticket',
	value: 'get',
	name: 'Get',
	description: 'Get a ticket with its replies and history',
	action: 'Get a ticket',
	properties,
	input: z.object({ ticketId: nonEmptyString }),
	output: ticket,
	sideEffects: false,
	run: (client: SobotClient, input) => client.getTicket(input.ticketId),
});
