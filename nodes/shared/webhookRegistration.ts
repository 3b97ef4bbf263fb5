import type { IHookFunctions } from 'n8n-workflow';

import { toNodeError } from './errors';
import { createServiceClient } from './service';
import type { Service } from './service';

/**
 * One step of a trigger's webhook registration (n8n's webhookMethods: checkExists, create, delete)
 * with the service's client. What the step throws becomes a node error with the credential's
 * secrets redacted; a credential n8n cannot read fails as n8n reports it.
 */
export async function registrationStep<Client, Result>(context: IHookFunctions, service: Service<Client>, step: (client: Client) => Promise<Result>): Promise<Result> {
	const { client, redactor } = await createServiceClient(context, service);
	try {
		return await step(client);
	} catch (error) {
		throw toNodeError(context.getNode(), error, 0, redactor);
	}
}

const nothingToDo = async () => true;

/** The webhookMethods of a trigger that registers nothing with its service (n8n still asks). */
export const NOTHING_TO_REGISTER = { default: { checkExists: nothingToDo, create: nothingToDo, delete: nothingToDo } };
