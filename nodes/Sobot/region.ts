import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Sobot's regions: each has its own accounts, and an app ID works only in its own. */
export const REGIONS = [
	{ name: 'Singapore (sg.sobot.io)', value: 'https://sg.sobot.io' },
	{ name: 'North America (us.sobot.com)', value: 'https://us.sobot.com' },
	{ name: 'China (www.sobot.com)', value: 'https://www.sobot.com' },
	{ name: 'Custom', value: 'custom' },
];

export function sobotBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.region === 'custom' ? credentials.baseUrl : credentials.region);
}
