import { z } from 'zod/v4';

import { jsonObject, nonEmptyString, optionalString } from '../../../shared/fields';
import { sendEventOperation } from '../eventOperation';

export const submitFormData = sendEventOperation({
	value: 'submitFormData',
	name: 'Submit Form Data',
	description: 'Answer a form the contact center showed (chat_session_form_show)',
	action: 'Submit form data',
	properties: [
		{ displayName: 'Form Request ID', name: 'formRequestId', type: 'string', required: true, default: '', placeholder: 'e.g. {{ $json.form_request_id }}' },
		{ displayName: 'Form Name', name: 'formName', type: 'string', default: '' },
		{ displayName: 'Data (JSON)', name: 'data', type: 'json', default: '{}', description: 'The form’s fields and values' },
		{ displayName: 'Secure Form', name: 'secure', type: 'boolean', default: false, description: 'Whether it answers a secure form (chat_session_secure_form_show)' },
	],
	input: {
		formRequestId: nonEmptyString,
		formName: optionalString,
		data: jsonObject,
		secure: z.boolean().default(false),
	},
	build: (input) => ({
		event: input.secure ? 'chat_session_secure_form_data' : 'chat_session_form_data',
		form_request_id: input.formRequestId,
		...(input.formName ? { form_name: input.formName } : {}),
		data: input.data,
	}),
});
