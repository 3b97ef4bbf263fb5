import { defineActions } from '../../shared/operation';
import type { TelSpielClient } from '../client';
import { telSpielService } from '../service';
import { clickToCall } from './call/clickToCall';

export const telSpielActions = defineActions<TelSpielClient>({
	service: telSpielService,
	resources: [{ value: 'call', name: 'Call', description: 'Phone calls placed through telSpiel' }],
	operations: [clickToCall],
});
