import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { user } from '../../schemas';
import { userInput, userProperties } from '../fields';

export const createOrUpdate = defineOperation({
	resource: 'user',
	value: 'createOrUpdate',
	name: 'Create or Update',
	description: 'Register a user with Haptik, or update the one with this auth ID',
	action: 'Create or update a user',
	properties: userProperties,
	input: userInput,
	output: user,
	// Updating a user twice is the same as once.
	sideEffects: false,
	run: (client: HaptikClient, input) => client.upsertUser(input),
});
