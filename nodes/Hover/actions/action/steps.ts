import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

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
					description: 'The menu text this number selects (needed for STK, where numbers count from 0)',
					displayOptions: { show: { type: ['number'] } },
				},
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			],
		},
	],
};

const step = z
	.object({
		type: z.enum(['number', 'variable', 'selectNumberByText', 'pin', 'ok']),
		value: z.string().trim().optional(),
		expectedText: z.string().optional(),
		description: z.string().optional(),
	})
	.refine((s) => ['pin', 'ok'].includes(s.type) || !!s.value, { error: 'a value for every Number, Variable and Select Number By Text step', path: ['value'] })
	.refine((s) => s.type !== 'number' || /^\d+$/.test(s.value ?? ''), { error: 'digits only in a Number step', path: ['value'] });

export const stepsInput = z.object({ step: z.array(step).default([]) }).prefault({});

/** How each step type is written, per Hover's actions API. */
const ENCODING = {
	number: { is_param: 'false', convert_val_to_num: 'false' },
	variable: { is_param: 'true', convert_val_to_num: 'false' },
	selectNumberByText: { is_param: 'true', convert_val_to_num: 'true' },
	pin: { is_param: 'false', convert_val_to_num: 'false', value: 'pin' },
	ok: { is_param: 'false', convert_val_to_num: 'false', value: '-' },
} as const;

/** The steps as `custom_steps_attributes`: keyed "0", "1", … with every value a string. */
export function toCustomSteps(steps: z.output<typeof stepsInput>['step']): Record<string, Record<string, string>> {
	return Object.fromEntries(
		steps.map((s, index) => {
			const { value: fixedValue, ...flags } = { value: undefined, ...ENCODING[s.type] };
			const encoded: Record<string, string> = {
				order: String(index),
				...flags,
				value: fixedValue ?? s.value ?? '',
				description: s.description ?? '',
			};
			if (s.type === 'number' && s.expectedText) encoded.expected_text = s.expectedText;
			return [String(index), encoded];
		}),
	);
}
