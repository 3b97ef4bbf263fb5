import { HttpError } from '../../nodes/shared/http';
import { ERROR_CODES, mapServicePatternError } from '../../nodes/ServicePattern/client';

const failure = (status: number, body: unknown) => new HttpError(`HTTP ${status}`, 'status', true, { status, headers: {}, body });

test.each(Object.entries(ERROR_CODES))('error_code %s is reported with its documented meaning', (code, meaning) => {
	const error = mapServicePatternError(failure(code.startsWith('5') ? 500 : 400, { error_code: code, error_message: 'server text' }))!;
	expect(error.message).toContain(meaning);
	expect(error.code).toBe(code);
});

test.each([401, 403])('%i is a configuration problem with a hint', (status) => {
	const error = mapServicePatternError(failure(status, { error_code: '2002', error_message: 'Authorization scheme is incorrect' }))!;
	expect(error.message).toBe('The contact center refused the request: Authorization scheme is incorrect');
	expect(error.description).toContain('Check the Base URL, Tenant URL and App ID');
});

test('404 says the chat or file is gone', () => {
	expect(mapServicePatternError(failure(404, null))!.message).toBe('The contact center has no such chat or file');
});

test('an unknown code keeps the server’s own message; a bare 5xx is left to the generic error', () => {
	expect(mapServicePatternError(failure(400, { error_code: '6001', error_message: 'Something new' }))!.message).toBe('The contact center answered: Something new');
	expect(mapServicePatternError(failure(502, '<html>bad gateway</html>'))).toBeUndefined();
});
