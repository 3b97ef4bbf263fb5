import { defineService } from '../../shared/operation';
import { TelSpielClient, mapTelSpielError } from '../client';
import { clickToCall } from './call/clickToCall';

export const telSpielService = defineService<TelSpielClient>({
	credentialType: 'telSpielApi',
	secretFields: ['apiKey'],
	createClient: (http, credentials) =>
		new TelSpielClient(http, {
			baseUrl: String(credentials.baseUrl),
			username: String(credentials.username),
		}),
	mapError: mapTelSpielError,
	resources: [{ value: 'call', name: 'Call', description: 'Phone calls placed through telSpiel' }],
	operations: [clickToCall],
});
