import { createPrivateKey, sign } from 'crypto';
import type { KeyObject } from 'crypto';

import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { ServiceError } from '../shared/errors';
import { WITHOUT_TOKEN, staleTokens, tokenRequestTimeoutMs } from '../shared/credentialData';
import { TokenCache } from '../shared/tokens';

/**
 * The external agent tool's (TRACT's) sign-in. Haptik issues the token its agent tool APIs take
 * ("Authentication APIs: these issue access tokens to be used with rest of the APIs",
 * sources.md#haptik-tract-auth-apis) to a management request the agent tool signs with its
 * certificate's private key (sources.md#haptik-tract-token-issue, sources.md#haptik-tract-signature);
 * no other request is signed (sources.md#haptik-tract-signing-scope).
 */

/** The credential field n8n keeps the token in (expirable: filled by preAuthentication). */
export const AGENT_TOOL_TOKEN = 'agentToolToken';

export const SIGN_IN_PATH = '/tract/management/token/issue/';

/** How far Haptik lets the signed timestamp stray from its clock (sources.md#haptik-tract-timestamp). */
export const TIMESTAMP_TOLERANCE_S = 150;

/**
 * The header the token goes in. Haptik's docs never say which one the agent tool APIs read: they
 * issue a JWT and stop there. `Authorization: Bearer <JWT>` is how Haptik's other APIs carry their
 * token and how JWTs are usually sent, so it is the likeliest: a guess, kept in this one place.
 */
export function agentToolHeaders(token: string): Record<string, string> {
	return { Authorization: `Bearer ${token}` };
}

/** Whether a request goes to the agent tool APIs (`<API base URL>/tract/...`), which carry the TRACT token. */
export function isAgentToolUrl(url: string | undefined): boolean {
	if (!url) return false;
	try {
		return new URL(url).pathname.includes('/tract/');
	} catch {
		return false;
	}
}

export type CertificateReference = { kind: 'uuid'; uuid: string } | { kind: 'chainUrl'; url: string };

/** What the sign-in needs, read from the credential. */
export interface AgentToolSignIn {
	apiUrl: string;
	clientId: string;
	fqdn: string;
	privateKey: KeyObject;
	/** The PEM as entered: part of the cache key (hashed), never sent. */
	privateKeyPem: string;
	certificate: CertificateReference;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim());

/**
 * The credential's sign-in settings; undefined when the agent tool sign-in is off (a Bot API-only
 * credential). Settings that are on but incomplete or unreadable are refused, naming the field.
 */
export function agentToolSignIn(credentials: ICredentialDataDecryptedObject): AgentToolSignIn | undefined {
	if (credentials.agentToolSignIn !== true) return undefined;
	const certificateKind = credentials.agentToolSigning === 'caSigned' ? 'chainUrl' : 'uuid';
	const wanted: Array<[string, string]> = [
		['FQDN', text(credentials.agentToolFqdn)],
		['Private Key', text(credentials.agentToolPrivateKey)],
		certificateKind === 'uuid' ? ['Certificate UUID', text(credentials.agentToolCertUuid)] : ['Certificate Chain URL', text(credentials.agentToolCertChainUrl)],
	];
	const missing = wanted.filter(([, value]) => !value).map(([name]) => name);
	if (missing.length) {
		throw new ServiceError(`The Haptik credential’s agent tool sign-in lacks: ${missing.join(', ')}`, {
			code: 'agent_tool_settings',
			description: 'Fill them in the credential (Agent Tool Sign-In), or turn the sign-in off if you use only the Bot API.',
		});
	}
	const privateKeyPem = pemOf(text(credentials.agentToolPrivateKey));
	const privateKey = readPrivateKey(privateKeyPem);
	if (!privateKey) {
		throw new ServiceError('The Haptik credential’s agent tool private key cannot be read', {
			code: 'agent_tool_settings',
			description: 'Paste the PEM-encoded RSA or ECDSA private key of the certificate you shared with Haptik, from "-----BEGIN" to the end line (not the certificate itself).',
		});
	}
	if (privateKey.asymmetricKeyType !== 'rsa' && privateKey.asymmetricKeyType !== 'ec') {
		throw new ServiceError(`Haptik takes RSA or ECDSA keys; this one is ${String(privateKey.asymmetricKeyType)}`, { code: 'agent_tool_settings' });
	}
	const fqdn = text(credentials.agentToolFqdn);
	if (certificateKind === 'chainUrl') checkChainUrl(text(credentials.agentToolCertChainUrl), fqdn);
	return {
		apiUrl: text(credentials.apiBaseUrl).replace(/\/+$/, ''),
		// The Account ID unless another is given: see the credential's Agent Tool Client ID field.
		clientId: text(credentials.agentToolClientId) || text(credentials.clientId),
		fqdn,
		privateKey,
		privateKeyPem,
		certificate: certificateKind === 'uuid' ? { kind: 'uuid', uuid: text(credentials.agentToolCertUuid) } : { kind: 'chainUrl', url: text(credentials.agentToolCertChainUrl) },
	};
}

function readPrivateKey(pem: string): KeyObject | undefined {
	try {
		return createPrivateKey(pem);
	} catch {
		return undefined;
	}
}

/**
 * A PEM as it may arrive from a form: with its line breaks, with them written as `\\n`, or pasted
 * into one line (a password box drops line breaks). The base64 between the armour lines is rewrapped.
 */
export function pemOf(value: string): string {
	const unescaped = value.replace(/\\n/g, '\n').trim();
	const armour = /^-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----$/.exec(unescaped);
	if (!armour) return unescaped;
	const body = armour[2].replace(/\s+/g, '');
	return `-----BEGIN ${armour[1]}-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END ${armour[1]}-----\n`;
}

/**
 * Haptik fetches a CA-signed chain only from an https URL on port 443 of the agent tool's own FQDN,
 * under /ect.api/ (sources.md#haptik-tract-cert-chain-url); any other is refused here, before a
 * sign-in Haptik would discard.
 */
function checkChainUrl(value: string, fqdn: string): void {
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	const problems = !url
		? ['it is not a URL']
		: [
				url.protocol !== 'https:' && 'it must use https',
				url.hostname.toLowerCase() !== fqdn.toLowerCase() && `its host must be the FQDN (${fqdn})`,
				!url.pathname.startsWith('/ect.api/') && 'its path must begin with /ect.api/',
				url.port !== '' && url.port !== '443' && 'its port, if any, must be 443',
			].filter((problem): problem is string => typeof problem === 'string');
	if (problems.length) {
		throw new ServiceError(`Haptik would not fetch the certificate chain from this URL: ${problems.join('; ')}`, {
			code: 'agent_tool_settings',
			description: 'Haptik accepts URLs such as https://<your FQDN>/ect.api/ect-api-cert.pem.',
		});
	}
}

/** `2019-05-13T12:34:56Z`: ISO 8601 in UTC, whole seconds, as Haptik's example writes it (sources.md#haptik-tract-timestamp). */
export const isoSeconds = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The signed token request: the body's exact bytes are what is signed (SHA-1 with the private key,
 * base64; sources.md#haptik-tract-signature), so the body is sent as this very string.
 */
export function signedTokenRequest(signIn: AgentToolSignIn, at: Date): { url: string; body: string; headers: Record<string, string> } {
	const body = JSON.stringify({ client_id: signIn.clientId, fqdn: signIn.fqdn, timestamp: isoSeconds(at) });
	const signature = sign('sha1', Buffer.from(body, 'utf8'), signIn.privateKey).toString('base64');
	return {
		url: `${signIn.apiUrl}${SIGN_IN_PATH}`,
		body,
		headers: {
			'Content-Type': 'application/json',
			Accept: 'application/json',
			Signature: signature,
			// A self-signed certificate is named by the UUID Haptik returned for it; a CA-signed one by its chain's URL (sources.md#haptik-tract-certificate).
			...(signIn.certificate.kind === 'uuid' ? { SignatureCertUUID: signIn.certificate.uuid } : { SignatureCertChainUrl: signIn.certificate.url }),
		},
	};
}

/**
 * The token in Haptik's answer. Haptik does not document the answer's shape (only that it issues a
 * JWT): `token`, `access_token`, `jwt`, the same inside `data`, or the JWT as the whole body are
 * read, a guess kept here only.
 */
export function tokenOf(answer: unknown): string | undefined {
	if (typeof answer === 'string') return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(answer.trim()) ? answer.trim() : undefined;
	if (!answer || typeof answer !== 'object') return undefined;
	const fields = answer as Record<string, unknown>;
	for (const key of ['token', 'access_token', 'jwt']) if (typeof fields[key] === 'string' && fields[key]) return fields[key] as string;
	return fields.data !== undefined && fields.data !== answer ? tokenOf(fields.data) : undefined;
}

/** How long Haptik gave: the JWT's own `exp`; an hour when it has none (a guess: Haptik states no lifetime). */
export function lifetimeSeconds(token: string, now: number): number {
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
		if (typeof payload.exp === 'number') return Math.max(0, payload.exp - now / 1000);
	} catch {
		// Not a JWT we can read: Haptik's word is the token itself, its lifetime unknown.
	}
	return 3600;
}

const SIGN_IN_REFUSED =
	'Haptik checks the signature with the certificate it holds for you, the FQDN against the certificate, and the timestamp against its clock (150 s): check the private key, the certificate UUID (or chain URL), the FQDN and this machine’s clock.';

function parseBody(raw: unknown): unknown {
	const body = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body.length > 300 ? `${body.slice(0, 300)}…` : body;
	}
}

/**
 * The tokens issued in this process, per sign-in: n8n keeps the token itself in the credential (its
 * expirable field, in its database, for every process and worker); this only lets the requests that
 * find it missing or refused at the same moment share one sign-in.
 */
const tokens = new TokenCache();

async function issue(helpers: IHttpRequestHelper['helpers'], signIn: AgentToolSignIn, timeoutMs: number) {
	const request = signedTokenRequest(signIn, new Date());
	// Network failures (a timeout, a reset) are left as they are, for the transport to name.
	const answer = (await helpers.httpRequest({
		method: 'POST',
		url: request.url,
		headers: request.headers,
		body: request.body,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	})) as { statusCode: number; body: unknown };
	const body = parseBody(answer.body);
	if (answer.statusCode >= 300) {
		const said = body && typeof body === 'object' ? [(body as Record<string, unknown>).error, (body as Record<string, unknown>).error_message, (body as Record<string, unknown>).message].find((v) => typeof v === 'string') : undefined;
		const refused = answer.statusCode === 400 || answer.statusCode === 401 || answer.statusCode === 403;
		// No httpCode and no numeric code: where n8n wraps this error (the Test button), it would put its
		// generic text for the status in place of Haptik's words.
		throw new ServiceError(`Haptik ${refused ? 'refused' : 'answered'} the agent tool sign-in with HTTP ${answer.statusCode}${said ? `: ${String(said)}` : ''}`, {
			code: refused ? 'agent_tool_sign_in_refused' : 'agent_tool_sign_in_failed',
			description: refused ? SIGN_IN_REFUSED : undefined,
			body,
		});
	}
	const token = tokenOf(body);
	if (!token) throw new ServiceError('Haptik answered the agent tool sign-in without a token', { code: 'agent_tool_sign_in_failed', body });
	return { token, expiresInSeconds: lifetimeSeconds(token, Date.now()) };
}

/**
 * The credential's preAuthentication: `{ agentToolToken }` when the request needs the agent tool's
 * token, else nothing (then n8n stores nothing and the request goes as it is). Nothing for a Bot API
 * request (the transport marks those `withoutToken`) and nothing for a credential without the sign-in:
 * Bot API users never sign in to TRACT. Everything else (an agent tool request, the credential's
 * Test button, which n8n always runs through here) signs in, or takes the token another request of
 * this process just fetched; a token named as refused (`expired_agentToolToken`) is never handed out again.
 */
export async function agentToolToken(helpers: IHttpRequestHelper['helpers'], credentials: ICredentialDataDecryptedObject): Promise<{ [AGENT_TOOL_TOKEN]?: string }> {
	if (credentials[WITHOUT_TOKEN] === true) return {};
	const signIn = agentToolSignIn(credentials);
	if (!signIn) return {};
	const key = TokenCache.key(signIn.apiUrl, signIn.clientId, signIn.fqdn, signIn.privateKeyPem, signIn.certificate.kind === 'uuid' ? signIn.certificate.uuid : signIn.certificate.url);
	for (const stale of staleTokens(credentials, AGENT_TOOL_TOKEN)) await tokens.invalidate(key, stale);
	const timeoutMs = tokenRequestTimeoutMs(credentials);
	const token = await tokens.get(key, async () => await issue(helpers, signIn, timeoutMs), {
		isRefusal: (error) => error instanceof ServiceError && error.code === 'agent_tool_sign_in_refused',
	});
	return { [AGENT_TOOL_TOKEN]: token };
}
