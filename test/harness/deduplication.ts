/**
 * n8n's deduplication store for tests: real n8n keeps it in its database (the processed_data table);
 * here it is memory, with the same contract, per workflow and node. Like the database store it reads,
 * then records a moment later: two checks of one key at the same time both find it new.
 */
import { DataDeduplicationService } from 'n8n-core';
import type { DeduplicationItemTypes, DeduplicationScope, ICheckProcessedContextData, IDataDeduplicator } from 'n8n-workflow';

export function memoryDeduplicator(): IDataDeduplicator {
	const seen = new Map<string, Set<DeduplicationItemTypes>>();
	const store = (scope: DeduplicationScope, context: ICheckProcessedContextData) => {
		const key = `${context.workflow.id}:${scope === 'node' ? (context.node?.id ?? '') : ''}`;
		if (!seen.has(key)) seen.set(key, new Set());
		return seen.get(key)!;
	};
	return {
		async checkProcessedAndRecord(items, scope, context) {
			const recorded = store(scope, context);
			const processed = items.filter((item) => recorded.has(item));
			await new Promise((resolve) => setTimeout(resolve, 5));
			for (const item of items) recorded.add(item);
			return { new: items.filter((item) => !processed.includes(item)), processed };
		},
		async removeProcessed(items, scope, context) {
			const recorded = store(scope, context);
			for (const item of items) recorded.delete(item);
		},
		async clearAllProcessedItems(scope, context) {
			store(scope, context).clear();
		},
		async getProcessedDataCount(scope, context) {
			return store(scope, context).size;
		},
	};
}

let ready: Promise<void> | undefined;
/** Sets a memory store up as n8n's, once per test process (n8n allows one): for the in-process engine. */
export const useMemoryDeduplication = () => (ready ??= DataDeduplicationService.init(memoryDeduplicator()));
