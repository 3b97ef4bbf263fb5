import { defineService } from '../../shared/operation';
import { SobotClient } from '../client';
import { sobotBaseUrl } from '../region';
import { create as createCustomer } from './customer/create';
import { find } from './customer/find';
import { getCustomFields } from './customer/getCustomFields';
import { search as searchCustomers } from './customer/search';
import { update as updateCustomer } from './customer/update';
import { addReply } from './ticket/addReply';
import { create as createTicket } from './ticket/create';
import { get as getTicket } from './ticket/get';
import { search as searchTickets } from './ticket/search';

export const sobotService = defineService<SobotClient>({
	credentialType: 'sobotApi',
	secretFields: ['appSecret'],
	createClient: (http, credentials) =>
		new SobotClient(http, {
			baseUrl: sobotBaseUrl(credentials),
			appId: String(credentials.appId),
			appKey: String(credentials.appSecret),
		}),
	resources: [
		{ value: 'customer', name: 'Customer', description: 'Customers in Sobot’s CRM' },
		{ value: 'ticket', name: 'Ticket', description: 'Customer service tickets' },
	],
	operations: [find, searchCustomers, createCustomer, updateCustomer, getCustomFields, createTicket, getTicket, searchTickets, addReply],
});
