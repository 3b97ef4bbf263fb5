import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { optionalString } from '../../shared/fields';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as Sobot wants it: "YYYY-MM-DD HH:mm:ss". n8n's date pickers give ISO strings; the wall-clock
 * time the user picked is kept (Sobot applies the company's time zone).
 */
export const sobotDateTime = optionalString.pipe(
	z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?/, { error: 'a date and time such as 2026-11-23 09:30:00' })
		.transform((value) => {
			const [date, time = '00:00:00'] = value.replace('T', ' ').split(/[ ]/);
			const [h = 0, m = 0, s = 0] = time.replace(/(Z|[+-]\d{2}:?\d{2})$/, '').split(':').map((part) => Math.floor(Number(part)));
			return `${date} ${pad(h)}:${pad(m)}:${pad(s)}`;
		})
		.optional(),
);

/** Custom field values, as pairs of field ID and value. */
export const customFieldsInput = z
	.object({ field: z.array(z.object({ fieldId: z.string().trim().min(1), value: z.union([z.string(), z.number()]).transform(String) })).default([]) })
	.optional()
	.transform((value) => value?.field);

/** Custom field values as the UI takes them: pairs of field ID and value. */
export const customFieldsOption: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add custom field',
	default: {},
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field ID',
					name: 'fieldId',
					type: 'string',
					default: '',
					description: 'Shown in Sobot under CRM → Settings → Customer Fields, or by Get Custom Field Definitions',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};
