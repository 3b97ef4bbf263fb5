import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { nonEmptyString, optionalString } from '../../shared/fields';
import { STEP_TYPES, TRANSPORT_TYPES } from '../client';

export const operatorsProperty: INodeProperties = {
	displayName: 'Operator Names or IDs',
	name: 'operators',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getOperators' },
	default: [],
	description:
		'Network operators the action runs on. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const transportTypeProperty: INodeProperties = {
	displayName: 'Transport Type',
	name: 'transportType',
	type: 'options',
	options: [
		{ name: 'Push', value: 'push', description: 'Reads a message the operator pushes' },
		{ name: 'STK (SIM Toolkit)', value: 'stk', description: 'A SIM menu; numbers count from 0' },
		{ name: 'USSD', value: 'ussd', description: 'A dialled shortcode such as *144#' },
		{ name: 'Variable Long String', value: 'variable_longstring', description: 'A USSD string built from variables' },
	],
	default: 'ussd',
};

/** The steps of a USSD/STK menu path, as the UI lists them. */
export const stepsProperty: INodeProperties = {
	displayName: 'Steps',
	name: 'steps',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add step',
	default: {},
	description: 'What to enter at each menu, in order',
	options: [
		{
			displayName: 'Step',
			name: 'step',
			values: [
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Number', value: 'number', description: 'Enter a fixed number, e.g. a menu option' },
						{ name: 'PIN Prompt', value: 'pin', description: 'Ask the user for their PIN' },
						{ name: 'Press OK', value: 'ok', description: 'Continue without entering anything' },
						{ name: 'Select Number By Text', value: 'selectNumberByText', description: 'Pick the menu option whose text matches a variable' },
						{ name: 'Variable', value: 'variable', description: 'Enter a value your app passes when it runs the action' },
					],
					default: 'number',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 1',
					description: 'The number to enter, or the name of the variable',
					displayOptions: { show: { type: ['number', 'variable', 'selectNumberByText'] } },
				},
				{
					displayName: 'Expected Text',
					name: 'expectedText',
					type: 'string',
					default: '',
					description: 'The exact text of the menu option this number selects (case-insensitive); required for STK, where numbers count from 0',
					displayOptions: { show: { type: ['number'] } },
				},
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			],
		},
	],
};

const step = z
	.object({
		type: z.enum(STEP_TYPES),
		value: z.string().trim().optional(),
		expectedText: z.string().optional(),
		description: z.string().optional(),
	})
	.refine((s) => ['pin', 'ok'].includes(s.type) || !!s.value, { error: 'a value for every Number, Variable and Select Number By Text step', path: ['value'] })
	.refine((s) => s.type !== 'number' || /^\d+$/.test(s.value ?? ''), { error: 'digits only in a Number step', path: ['value'] });

/** The steps as the fixed collection hands them over (`{ step: [...] }`), read as a list. */
const stepList = z.object({ step: z.array(step).default([]) }).transform((steps) => steps.step);

/** Steps where the operation always has some (none given: none). */
export const stepsInput = z.preprocess((value) => value ?? {}, stepList);

export const operatorIds = z.array(z.union([z.string(), z.number()]).transform(String));

export const transportType = z.enum(TRANSPORT_TYPES);

export const actionFieldsInput = {
	name: optionalString,
	rootCode: optionalString,
	transportType: transportType.optional(),
	operators: operatorIds.optional(),
	// Absent, not empty, when the user leaves them out: Update then sends no steps, which it does
	// only to an action that has none (HoverClient.updateAction).
	steps: stepList.optional(),
};

/**
 * STK Number steps need the exact text of the menu option they select: "You must enter the exact
 * (case-insensitive) text of the menu option" (sources.md#hover-step-types).
 */
export function requireStkExpectedText(transport: string | undefined, steps: Array<z.output<typeof step>> | undefined, ctx: z.RefinementCtx, at: PropertyKey[]) {
	if (transport !== 'stk') return;
	steps?.forEach((s, index) => {
		if (s.type === 'number' && !s.expectedText?.trim()) {
			ctx.addIssue({ code: 'custom', input: s.expectedText, path: [...at, 'step', index, 'expectedText'], message: `an Expected Text in every Number step of an STK action (step ${index + 1} has none)` });
		}
	});
}

export const parserStatusProperty: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Failed', value: 'failed' },
		{ name: 'Pending', value: 'pending' },
		{ name: 'Succeeded', value: 'succeeded' },
	],
	default: 'succeeded',
	description: 'The status given to transactions whose reply matches',
};

export const parserStatus = z.enum(['succeeded', 'failed', 'pending']);

export const targetTypeProperty: INodeProperties = {
	displayName: 'Target Type',
	name: 'targetType',
	type: 'options',
	options: [
		{ name: 'SMS', value: 'sms', description: 'An SMS that arrives after the session' },
		{ name: 'USSD', value: 'ussd', description: 'A message of the USSD session' },
	],
	default: 'ussd',
	description: 'The channel the parser reads',
};

export const senderProperty: INodeProperties = {
	displayName: 'Sender',
	name: 'sender',
	type: 'string',
	default: '',
	placeholder: 'e.g. MPESA',
	description: 'The sender ID of the SMS the parser reads; Hover requires it for SMS parsers',
};

export const parserTarget = z.enum(['ussd', 'sms']);

/** "If the target_type is set to sms then you must provide a sender id" (sources.md#hover-parser-sms). */
export function requireSmsSender(fields: { targetType?: string; sender?: string }, ctx: z.RefinementCtx, at: PropertyKey[]) {
	if (fields.targetType === 'sms' && !fields.sender) {
		ctx.addIssue({ code: 'custom', input: fields.sender, path: [...at, 'sender'], message: 'a sender ID when Target Type is SMS (Hover requires one for SMS parsers)' });
	}
}

export const regexProperty: INodeProperties = {
	displayName: 'Regex',
	name: 'regex',
	type: 'string',
	default: '',
	placeholder: 'e.g. Your balance is (?<balance>[\\d.,]+)',
	description: 'Matched against the reply; each named group (?&lt;name&gt;…) becomes a parsed variable',
};

/** A regex that compiles; Hover's named groups `(?<name>…)` are written the same way in JavaScript. */
export const regex = nonEmptyString.pipe(
	z.string().check((ctx) => {
		try {
			new RegExp(ctx.value);
		} catch (error) {
			ctx.issues.push({ code: 'custom', input: ctx.value, message: `a valid regular expression (${(error as Error).message})` });
		}
	}),
);

export const webhookUrlProperty: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/hover',
	description: 'Where Hover posts the app’s transactions; the Hover Trigger can set this itself',
};
