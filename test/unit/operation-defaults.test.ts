/**
 * n8n saves a node's parameters without those left at their default, so a workflow saved with a
 * resource's first operation does not name it: if a new operation sorted in before it, the saved
 * workflow would silently run the new one. The defaults of the nodes that gained operations stay.
 */
import type { INodeType } from 'n8n-workflow';

import { Hover } from '../../nodes/Hover/Hover.node';
import { ServicePattern } from '../../nodes/ServicePattern/ServicePattern.node';
import { Sobot } from '../../nodes/Sobot/Sobot.node';

function defaults(node: INodeType): Record<string, unknown> {
	const properties = node.description.properties;
	const result: Record<string, unknown> = { resource: properties.find((p) => p.name === 'resource')?.default };
	for (const picker of properties.filter((p) => p.name === 'operation')) result[String(picker.displayOptions?.show?.resource?.[0])] = picker.default;
	return result;
}

test.each([
	['Sobot', new Sobot(), { resource: 'customer', customer: 'create', ticket: 'addReply' }],
	['ServicePattern', new ServicePattern(), { resource: 'chat', chat: 'checkAvailability', event: 'sendEvent', file: 'getAgentProfilePhoto' }],
	['Hover', new Hover(), { resource: 'action', action: 'archive', app: 'archive', parser: 'archive' }],
])('%s keeps the default resource and operations workflows were saved with', (_, node, expected) => {
	expect(defaults(node)).toEqual(expected);
});
