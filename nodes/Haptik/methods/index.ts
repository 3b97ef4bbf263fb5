import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { toNodeError } from '../../shared/errors';
import { createServiceClient } from '../../shared/service';
import { haptikService } from '../service';

export const listSearch = {
	/**
	 * The receivers of thread control for the user named in the node (its Haptik User ID): Haptik lists
	 * them per user (sources.md#haptik-tract-listeners). Those an agent tool may pass a chat to (primary
	 * or default) come first, then the active one (this contact center while it holds the chat).
	 */
	async searchReceivers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const userId = this.getCurrentNodeParameter('userId');
		if (typeof userId !== 'string' || !userId.trim() || userId.startsWith('=')) {
			throw new NodeOperationError(this.getNode(), 'Enter a Haptik User ID to list its receivers', {
				description: 'Haptik lists the receivers per user. With an expression in Haptik User ID, choose By ID and type the receiver ID.',
			});
		}
		const { client, redactor } = await createServiceClient(this, haptikService);
		let listeners;
		try {
			listeners = await client.listListeners(userId.trim());
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0, redactor);
		}
		const needle = filter?.toLowerCase() ?? '';
		const rank = (l: (typeof listeners)[number]) => (l.isPrimary || l.isDefault ? 0 : l.active ? 1 : 2);
		return {
			results: listeners
				.filter((l): l is typeof l & { receiverId: string } => l.receiverId !== null && (!needle || l.receiverId.toLowerCase().includes(needle)))
				.sort((a, b) => rank(a) - rank(b))
				.map((l) => {
					const flags = [l.isDefault && 'default', l.isPrimary && 'primary', l.active && 'active'].filter(Boolean);
					return { name: flags.length ? `${l.receiverId} (${flags.join(', ')})` : l.receiverId, value: l.receiverId };
				}),
		};
	},
};
