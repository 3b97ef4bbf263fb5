/**
 * n8n's deduplication store for tests: real n8n keeps it in its database (the processed_data table);
 * here it is memory, with the same contract and the same shape: one row per workflow and node holding
 * all of its keys, read, then written back whole a moment later (n8n's DeduplicationHelper). So two
 * checks at the same time both find a key new, and the later write drops what the earlier one added.
 */
import { DataDeduplicationService } from 'n8n-core';
import type { DeduplicationItemTypes, DeduplicationScope, ICheckProcessedContextData, IDataDeduplicator } from 'n8n-workflow';

export function memoryDeduplicator(): IDataDeduplicator {
	const rows = new Map<string, DeduplicationItemTypes[]>();
	const rowOf = (scope: DeduplicationScope, context: ICheckProcessedContextData) => `${context.workflow.id}:${scope === 'node' ? (context.node?.id ?? '') : ''}`;
	const aMoment = () => new Promise((resolve) => setTimeout(resolve, 5));
	return {
		async checkProcessedAndRecord(items, scope, context) {
			const row = rowOf(scope, context);
			const read = [...(rows.get(row) ?? [])];
			const processed = items.filter((item) => read.includes(item));
			await aMoment();
			rows.set(row, [...read, ...items.filter((item) => !processed.includes(item))]);
			return { new: items.filter((item) => !processed.includes(item)), processed };
		},
		async removeProcessed(items, scope, context) {
			const row = rowOf(scope, context);
			const read = [...(rows.get(row) ?? [])];
			await aMoment();
			rows.set(row, read.filter((item) => !items.includes(item)));
		},
		async clearAllProcessedItems(scope, context) {
			rows.delete(rowOf(scope, context));
		},
		async getProcessedDataCount(scope, context) {
			return rows.get(rowOf(scope, context))?.length ?? 0;
		},
	};
}

let ready: Promise<void> | undefined;
/** Sets a memory store up as n8n's, once per test process (n8n allows one): for the in-process engine. */
export const useMemoryDeduplication = () => (ready ??= DataDeduplicationService.init(memoryDeduplicator()));
