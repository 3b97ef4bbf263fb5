import { defineOperation } from '../../../shared/operation';
import type { HaptikClient } from '../../client';
import { user } from '../../schemas';
import { userInput, userProperties } from '../fields';

export const update = defineOperation({
	resource: 'user',
	value: 'update',
	name: 'Update',
	description: 'Change the details of a user Haptik already knows (fails for an unknown auth ID)',
	action: 'Update a user',
	properties: userProperties,
	input: userInput,
	output: user,
	// A PUT: the same details twice are the same as once.
	sideEffects: false,
	run: (client: HaptikClient, input) => client.updateUser(input),
});
