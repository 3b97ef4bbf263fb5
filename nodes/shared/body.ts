/** A request body without the fields the user left out: services read a present `null` or `""` as "clear it". */
export function definedFields<T extends Record<string, unknown>>(fields: T): Partial<T> {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
