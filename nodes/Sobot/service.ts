import { defineService } from '../shared/service';
import { RETURN_CODES, SobotClient, isTokenRefused } from './client';
import { sobotBaseUrl } from './region';

export const sobotService = defineService<SobotClient>({
	name: 'Sobot',
	credentialType: 'sobotApi',
	secretFields: ['appSecret', 'accessToken'],
	expirableField: 'accessToken',
	isTokenRefused,
	createClient: (http, credentials) =>
		new SobotClient(http, { baseUrl: sobotBaseUrl(credentials) }),
	authSteps: [
		'Take the current Unix time in seconds as `create_time`.',
		'Sign: `sign` = lowercase hex MD5 of `appid + create_time + app_key`.',
		'`GET /api/get_token?appid=<app id>&create_time=<create_time>&sign=<sign>` answers `{ ret_code: "000000", item: { token, expire_in } }`; Sobot’s pages also spell the lifetime `expires_in`, so either is read, and 24 hours assumed when neither is there (docs/sources.md#sobot-token-lifetime).',
		'Every API request carries the header `token: <token>`. The token is kept in the n8n credential (n8n stores it in its database), so every execution and every queue-mode worker uses the same one; on `900002` (token invalid) the node reads the credential again and repeats the request with the token stored there if another process has stored a newer one; otherwise, or if that one is refused too, it repeats it once with a new token. A refused token is not sent again by any item of the node run.',
	],
	// Sobot answers HTTP 200 for its own errors and puts the outcome in `ret_code`.
	documentedErrors: Object.entries(RETURN_CODES).map(([code, { message }]) => ({
		status: 200,
		code,
		body: { ret_code: code, ret_msg: message },
		when: message,
	})),
});
