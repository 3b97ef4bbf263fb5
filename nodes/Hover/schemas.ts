import { z } from 'zod/v4';

import { answerText, nullableAnswerText as nullableText } from '../shared/answerFields';

const optionalCount = z.union([z.number(), z.string(), z.null()]).transform((v) => (v === null ? null : Number(v))).optional();

/** One JSON:API resource as Hover sends it. */
export const resource = z.looseObject({
	id: answerText,
	type: z.string().optional(),
	attributes: z.record(z.string(), z.unknown()).default({}),
	relationships: z.unknown().optional(),
});
export type Resource = z.output<typeof resource>;


export const action = z.looseObject({
	id: z.string().describe('Public ID of the action, e.g. 13ce04ca'),
	name: nullableText,
	description: nullableText,
	rootCode: nullableText.describe('The shortcode dialled, e.g. *144#'),
	transportType: nullableText.describe('ussd, stk, push or variable_longstring'),
	steps: z.array(z.string()).describe('Step values in order, e.g. ["1", "amount", "pin", "-"]'),
	operators: z.array(z.string()).describe('Names of the network operators the action runs on'),
	organizationId: nullableText,
	transactionsCount: optionalCount,
	archivedAt: nullableText.describe('When the action was archived; null while active'),
	createdAt: nullableText,
	updatedAt: nullableText,
	attributes: z.record(z.string(), z.unknown()).describe('Hover’s attributes as sent'),
});

export const parser = z.looseObject({
	id: z.string(),
	actionId: nullableText.describe('Public ID of the action the parser belongs to'),
	status: nullableText.describe('Status given to matching transactions: succeeded, failed or pending'),
	category: nullableText,
	targetType: nullableText.describe('ussd or sms'),
	sender: nullableText,
	regex: nullableText,
	regexGroups: z.array(z.string()).describe('Named groups of the regex: the variables it extracts'),
	userMessage: nullableText,
	transactionsCount: optionalCount,
	archivedAt: nullableText,
	createdAt: nullableText,
	updatedAt: nullableText,
	attributes: z.record(z.string(), z.unknown()),
});

export const app = z.looseObject({
	id: z.string(),
	name: nullableText,
	packageName: nullableText,
	webhookUrl: nullableText,
	organizationId: nullableText,
	transactionsCount: optionalCount,
	isTester: z.boolean().nullish(),
	apkUrl: nullableText,
	archivedAt: nullableText,
	createdAt: nullableText,
	updatedAt: nullableText,
	attributes: z.record(z.string(), z.unknown()).describe('Hover’s attributes as sent, including the app’s SDK token and webhook secret'),
});

export const archived = z.looseObject({ id: answerText, archived: z.boolean() });

/** A transaction as Hover's webhook sends it (data.attributes), flattened for the trigger's output. */
export const transaction = z.looseObject({
	id: z.string().describe('Transaction UUID'),
	status: nullableText.describe('pending, succeeded or failed'),
	category: nullableText,
	userMessage: nullableText,
	actionId: nullableText,
	actionName: nullableText,
	operatorName: nullableText,
	country: nullableText,
	environment: nullableText,
	initiatedAt: nullableText,
	updatedAt: nullableText,
	parsedVariables: z.record(z.string(), z.unknown()).describe('Variables the parsers extracted'),
	inputExtras: z.record(z.string(), z.unknown()),
	smsHits: z.array(z.unknown()),
	smsMisses: z.array(z.unknown()),
	sessionMessages: z.array(z.unknown()),
	attributes: z.record(z.string(), z.unknown()),
});

/** Names of a regex's named groups, `(?<name>...)`, the variables a parser extracts. */
export function namedGroups(regex: string | null | undefined): string[] {
	return [...(regex ?? '').matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((match) => match[1]);
}

const str = (value: unknown) => (value === undefined ? undefined : (value as string | null));

/** The bookkeeping every Hover resource has, and its attributes as sent. */
function common(a: Record<string, unknown>) {
	return {
		transactionsCount: a.transactions_count,
		archivedAt: str(a.archived_at) ?? null,
		createdAt: str(a.created_at),
		updatedAt: str(a.updated_at),
		attributes: a,
	};
}

export function toAction(raw: Resource) {
	const a = raw.attributes;
	return {
		id: raw.id,
		name: str(a.name),
		description: str(a.description),
		rootCode: str(a.root_code),
		transportType: str(a.transport_type),
		steps: Array.isArray(a.steps) ? a.steps.map(String) : [],
		// Hover lists operators as [name, null] pairs.
		operators: Array.isArray(a.operators) ? a.operators.map((o) => String(Array.isArray(o) ? o[0] : o)) : [],
		organizationId: a.organization_id,
		...common(a),
	};
}

export function toParser(raw: Resource) {
	const a = raw.attributes;
	return {
		id: raw.id,
		actionId: str(a.custom_action_public_id),
		status: str(a.status),
		category: str(a.category),
		targetType: str(a.target_type),
		sender: str(a.sender),
		regex: str(a.regex),
		regexGroups: namedGroups(str(a.regex)),
		userMessage: str(a.user_message),
		...common(a),
	};
}

export function toApp(raw: Resource) {
	const a = raw.attributes;
	return {
		id: raw.id,
		name: str(a.name),
		packageName: str(a.package_name),
		webhookUrl: str(a.webhook_url),
		organizationId: a.organization_id,
		isTester: a.is_tester as boolean | null | undefined,
		apkUrl: str(a.apk_url),
		...common(a),
	};
}

export function toTransaction(raw: Resource) {
	const a = raw.attributes;
	const record = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
	const list = (value: unknown) => (Array.isArray(value) ? value : []);
	return {
		id: raw.id,
		status: str(a.status),
		category: str(a.category),
		userMessage: str(a.user_message),
		actionId: str(a.action_public_id),
		actionName: str(a.action_name),
		operatorName: str(a.operator_name),
		country: str(a.country),
		environment: str(a.environment),
		initiatedAt: str(a.initiated_at),
		updatedAt: str(a.updated_at),
		parsedVariables: record(a.parsed_variables),
		inputExtras: record(a.input_extras),
		smsHits: list(a.sms_hits),
		smsMisses: list(a.sms_misses),
		sessionMessages: list(a.session_messages),
		attributes: a,
	};
}
