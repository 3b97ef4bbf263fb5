/**
 * A module required the first time it is needed, not when the module naming it loads: n8n loads every
 * node and trigger of the package when it starts (bench/RESULTS.md, package load), and most of what
 * they use (zod schemas above all) is needed only once they run.
 */
export function whenNeeded<Module>(load: () => Module): () => Module {
	let module: Module | undefined;
	return () => (module ??= load());
}
