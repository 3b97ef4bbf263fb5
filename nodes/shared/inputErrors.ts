import type { INodeProperties } from 'n8n-workflow';

import { InputError } from './errors';

/** A zod issue, as far as the messages need it. */
export interface Issue {
	path: PropertyKey[];
	message: string;
	code: string;
}

/** What a schema expected, as a sentence that starts with "Expected". */
export function expected(issue: Issue): string {
	// Our own schemas say what they expect in lower case ("a phone number: ..."); zod's built-in
	// messages are capitalised sentences already.
	if (/^[a-z]/.test(issue.message)) return `Expected ${issue.message}`;
	if (issue.code === 'invalid_type') return issue.message.replace(/^Invalid input: e/, 'E');
	return issue.message;
}

/** "Additional Fields > Phone Number": the names the user sees for a parameter path. */
export function displayNameOf(properties: INodeProperties[], path: PropertyKey[]): string {
	const names: string[] = [];
	let level: Array<{ name: string; displayName: string; options?: unknown }> = properties;
	for (const key of path) {
		const found = level.find((property) => property.name === key);
		if (!found) break;
		names.push(found.displayName);
		level = Array.isArray(found.options) ? (found.options as typeof level) : [];
	}
	return names.join(' > ') || path.join('.');
}

function received(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === '') return 'an empty value';
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
	let current = data;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<PropertyKey, unknown>)[key];
	}
	return current;
}

/**
 * The error for parameters that do not fit an operation's input schema: it names the first field
 * and the item, and says for every issue what was expected and what was given.
 */
export function inputError(properties: INodeProperties[], issues: Issue[], parameters: unknown, itemIndex: number): InputError {
	const field = displayNameOf(properties, issues[0].path);
	const details = issues.map((issue) => {
		const name = displayNameOf(properties, issue.path);
		return `${name}: ${expected(issue)}, got ${received(valueAt(parameters, issue.path))}.`;
	});
	return new InputError(`Invalid value for "${field}" [item ${itemIndex}]`, details.join('\n'));
}
