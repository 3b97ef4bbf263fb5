import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';


export const authIdProperty: INodeProperties = {
	displayName: 'User Auth ID',
	name: 'authId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. customer-1042',
	description: 'Your own ID of the user (Haptik’s auth_id): the same for every message of one user',
};

export const agentToolUserIdProperty: INodeProperties = {
	displayName: 'Haptik User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ab112468917fgghdebc',
	description: 'Haptik’s user ID from the Haptik Trigger (userId), as the agent tool APIs know the user',
};

export const businessIdOption: INodeProperties = {
	displayName: 'Business ID',
	name: 'businessId',
	type: 'number',
	default: 0,
	description: 'The channel (business) to use instead of the credential’s',
};

/** A business ID from an options collection: absent, empty or 0 (n8n's default) means the credential's. */
export const businessIdInput = z
	.union([z.number(), z.string(), z.null()])
	.optional()
	.transform((value) => (value === '' || value === null || value === undefined || Number(value) === 0 ? undefined : Number(value)))
	.pipe(z.number().int({ error: 'a positive whole number (Haptik’s business ID)' }).positive({ error: 'a positive whole number (Haptik’s business ID)' }).optional());
