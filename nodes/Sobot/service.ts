import { defineService } from '../shared/service';
import { RETURN_CODES, SobotClient } from './client';
import { sobotBaseUrl } from './region';

export const sobotService = defineService<SobotClient>({
	name: 'Sobot',
	credentialType: 'sobotApi',
	secretFields: ['appSecret', 'accessToken'],
	expirableField: 'accessToken',
	createClient: (http, credentials) =>
		new SobotClient(http, { baseUrl: sobotBaseUrl(credentials) }),
	authSteps: [
		'Take the current Unix time in seconds as `create_time`.',
		'Sign: `sign` = lowercase hex MD5 of `appid + create_time + app_key`.',
		'`GET /api/get_token?appid=<app id>&create_time=<create_time>&sign=<sign>` answers `{ ret_code: "000000", item: { token, expires_in } }`.',
		'Every API request carries the header `token: <token>`. The token is kept in the n8n credential (n8n stores it in its database), so every execution and every queue-mode worker uses the same one; on `900002` (token expired) the node repeats the request once as it is (another process may have stored a new token), then once with a new token.',
	],
	// Sobot answers HTTP 200 for its own errors and puts the outcome in `ret_code`.
	documentedErrors: Object.entries(RETURN_CODES).map(([code, { message }]) => ({
		status: 200,
		code,
		body: { ret_code: code, ret_msg: message },
		when: message,
	})),
});
