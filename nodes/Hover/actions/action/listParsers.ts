import { z } from 'zod/v4';

import { resourceLocatorId } from '../../../shared/fields';
import { defineOperation } from '../../../shared/operation';
import type { HoverClient } from '../../client';
import { parser } from '../../schemas';
import { actionLocator } from '../common';

export const listParsers = defineOperation({
	resource: 'action',
	value: 'listParsers',
	name: 'List Parsers',
	description: 'List the parsers that read an action’s replies',
	action: 'List an action’s parsers',
	properties: [actionLocator],
	input: z.object({ actionId: resourceLocatorId }),
	output: parser,
	sideEffects: false,
	returnsList: true,
	run: (client: HoverClient, input) => client.listParsers(input.actionId),
});
