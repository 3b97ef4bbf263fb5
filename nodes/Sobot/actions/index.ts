import { defineActions } from '../../shared/operation';
import type { SobotClient } from '../client';
import { sobotService } from '../service';
import { create as createCustomer } from './customer/create';
import { find } from './customer/find';
import { getCustomFields } from './customer/getCustomFields';
import { search as searchCustomers } from './customer/search';
import { update as updateCustomer } from './customer/update';
import { addAgentReply } from './ticket/addAgentReply';
import { addReply } from './ticket/addReply';
import { create as createTicket } from './ticket/create';
import { createAsAgent as createAgentTicket } from './ticket/createAsAgent';
import { get as getTicket } from './ticket/get';
import { getDataDictionary } from './ticket/getDataDictionary';
import { search as searchTickets } from './ticket/search';
import { uploadAttachment } from './ticket/uploadAttachment';

export const sobotActions = defineActions<SobotClient>({
	service: sobotService,
	resources: [
		{ value: 'customer', name: 'Customer', description: 'Customers in Sobot’s CRM' },
		{ value: 'ticket', name: 'Ticket', description: 'Customer service tickets' },
	],
	operations: [find, searchCustomers, createCustomer, updateCustomer, getCustomFields, createTicket, createAgentTicket, getTicket, searchTickets, addReply, addAgentReply, getDataDictionary, uploadAttachment],
});
