/**
 * Shapes of answers: which fields of an output its schema does not name (reported, never failed),
 * and where a real service's answer differs from the sandbox's, field by field (so the sandbox can
 * be corrected from a live run).
 */
import type { z } from 'zod/v4';

interface Def {
	type: string;
	shape?: Record<string, z.ZodType>;
	catchall?: z.ZodType;
	element?: z.ZodType;
	innerType?: z.ZodType;
	in?: z.ZodType;
	out?: z.ZodType;
	options?: z.ZodType[];
	left?: z.ZodType;
	right?: z.ZodType;
	getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success']);

/**
 * Paths of `value` that `schema` does not name, e.g. `attributes.tier` or `events[].agentId`; a
 * record, `unknown` or a field the schema types as anything is never "extra". Undefined when the
 * schema says nothing about objects (a primitive, a transform), so unions can ignore it.
 */
function extras(schema: z.ZodType, value: unknown, path: string): string[] | undefined {
	const def = defOf(schema);
	if (WRAPPERS.has(def.type)) return extras(def.innerType!, value, path);
	if (def.type === 'lazy') return extras(def.getter!(), value, path);
	// A preprocess step (pipe from a transform) is described by what it feeds; any other pipe by its input.
	if (def.type === 'pipe') return extras(defOf(def.in!).type === 'transform' ? def.out! : def.in!, value, path);
	if (def.type === 'union') {
		const known = def.options!.map((option) => extras(option, value, path)).filter((found): found is string[] => found !== undefined);
		if (!known.length) return undefined;
		return known.reduce((common, found) => common.filter((extra) => found.includes(extra)));
	}
	if (def.type === 'intersection') {
		const [left, right] = [extras(def.left!, value, path), extras(def.right!, value, path)];
		if (!left || !right) return left ?? right;
		return left.filter((extra) => right.includes(extra));
	}
	if (def.type === 'array') {
		if (!Array.isArray(value)) return undefined;
		return [...new Set(value.flatMap((element) => extras(def.element!, element, `${path}[]`) ?? []))];
	}
	if (def.type !== 'object' || !isObject(value)) return undefined;
	const catchallType = def.catchall ? defOf(def.catchall).type : 'never';
	const found: string[] = [];
	for (const [key, inner] of Object.entries(value)) {
		const at = path ? `${path}.${key}` : key;
		const fieldSchema = def.shape![key];
		if (fieldSchema) found.push(...(extras(fieldSchema, inner, at) ?? []));
		else if (catchallType === 'unknown' || catchallType === 'never') found.push(at);
		else found.push(...(extras(def.catchall!, inner, at) ?? []));
	}
	return found;
}

/** The fields of an output item that its operation's output schema does not document. */
export function extraFields(schema: z.ZodType, value: unknown): string[] {
	return extras(schema, value, '') ?? [];
}

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'list' | 'empty list';

const typeOf = (value: unknown): JsonType =>
	value === null ? 'null' : Array.isArray(value) ? (value.length ? 'list' : 'empty list') : (typeof value as JsonType);

/** Every path of a JSON value with the types found there (list elements merged under `[]`). */
export function shapeOf(value: unknown, path = '', into = new Map<string, Set<JsonType>>()): Map<string, Set<JsonType>> {
	if (value === undefined) return into;
	const types = into.get(path) ?? new Set<JsonType>();
	types.add(typeOf(value));
	into.set(path, types);
	if (Array.isArray(value)) for (const element of value) shapeOf(element, `${path}[]`, into);
	else if (isObject(value)) for (const [key, inner] of Object.entries(value)) shapeOf(inner, path ? `${path}.${key}` : key, into);
	return into;
}

const parentOf = (path: string) => (path.endsWith('[]') ? path.slice(0, -2) : path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');
/** An empty list is a list: what it would hold is compared only where it holds something. */
const shown = (types: Set<JsonType>) => [...new Set([...types].map((type) => (type === 'empty list' ? 'list' : type)))].sort().join(' or ');
const named = (path: string) => path || '(the answer)';

/**
 * How `real` differs from `sandbox` in shape: a field only one of them has (reported at its
 * top-most path), or a field whose types differ. Values never appear, only paths and types; a list
 * that is empty on one side is not compared below.
 */
export function shapeDifferences(real: unknown, sandbox: unknown): string[] {
	const [ours, theirs] = [shapeOf(real), shapeOf(sandbox)];
	const differences: string[] = [];
	const comparable = (path: string, side: Map<string, Set<JsonType>>) => {
		for (let parent = parentOf(path); ; parent = parentOf(parent)) {
			const types = side.get(parent);
			if (types && !types.has('list') && types.has('empty list')) return false;
			if (!parent) return true;
		}
	};
	for (const path of new Set([...ours.keys(), ...theirs.keys()])) {
		const [mine, other] = [ours.get(path), theirs.get(path)];
		if (mine && other) {
			if (shown(mine) !== shown(other)) differences.push(`${named(path)}: real ${shown(mine)}, sandbox ${shown(other)}`);
			continue;
		}
		const parent = parentOf(path);
		// Only the top-most missing path: its children are missing with it.
		if (path && (!ours.has(parent) || !theirs.has(parent))) continue;
		if (mine && comparable(path, theirs)) differences.push(`${named(path)}: only in the real answer (${shown(mine)})`);
		if (other && comparable(path, ours)) differences.push(`${named(path)}: only in the sandbox's answer (${shown(other)})`);
	}
	return differences;
}
