/**
 * What a live run is given: per service, the credential (environment variables named after the
 * credential's fields, or a local file git ignores) and test data; which writes to run; how fast.
 * Names come from the credentials' own fields, so a new field has its variable without a change here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeProperties } from 'n8n-workflow';

import { PACKAGE_DIR, loadPackage } from '../harness/package';
import { SERVICES, exampleName } from '../harness/operations';
import type { ServiceEntry } from '../harness/operations';
import { DEFAULT_FIXTURES_DIR } from './fixtures';
import { LIVE_PLAN } from './plan';
import type { OperationKey } from './plan';

export type ServiceKey = ServiceEntry['key'];

export interface ServiceSetup {
	key: ServiceKey;
	credentials: ICredentialDataDecryptedObject;
	/** Test data: parameter values for this account (`actionId`, `additionalFields.phones`, or per operation under "action.get"). */
	data: IDataObject;
	/** What the credential's URLs are relative to; by default each URL's origin (the sandbox: its prefix of a service). */
	roots?: string[];
}

export interface LiveConfig {
	services: ServiceSetup[];
	/** Services not run, with why. */
	skipped: Array<{ key: ServiceKey; reason: string }>;
	/** What is wrong with what was given: each fails the run. */
	errors: string[];
	writes: Set<OperationKey>;
	/** Pause between two requests to a service. */
	pauseMs: number;
	/** How long one request may take. */
	timeoutMs: number;
	fixturesDir: string;
	/** Prints each operation's outcome as it ends (names and outcomes only). */
	progress: boolean;
}

export const DEFAULT_CREDENTIALS_FILE = path.join(PACKAGE_DIR, 'live.credentials.json');
export const DEFAULT_PAUSE_MS = 1000;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** LIVE_HOVER_EMAIL, LIVE_SOBOT_APP_SECRET, ...: `LIVE_<service>_<field in capitals>`. */
export const envName = (service: ServiceKey, field: string) => `LIVE_${service.toUpperCase()}_${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
export const dataEnvName = (service: ServiceKey) => `LIVE_${service.toUpperCase()}_DATA`;
/** hover.action.create, as LIVE_WRITES names an operation. */
export const writeName = (key: OperationKey) => key.replace(' ', '.');

/** The fields a maintainer fills in (n8n's hidden fields hold tokens the credential fetches itself). */
export const credentialFields = (type: ICredentialType) => type.properties.filter((property) => property.type !== 'hidden' && property.type !== 'notice');

function shown(property: INodeProperties, values: IDataObject): boolean {
	const { show, hide } = property.displayOptions ?? {};
	if (show && !Object.entries(show).every(([name, allowed]) => (allowed ?? []).includes(values[name] as never))) return false;
	if (hide && Object.entries(hide).some(([name, hidden]) => (hidden ?? []).includes(values[name] as never))) return false;
	return true;
}

/** The fields the credential needs with its defaults (or with what was given). */
export function requiredFields(type: ICredentialType, values: IDataObject = {}): INodeProperties[] {
	const all = { ...Object.fromEntries(type.properties.map((property) => [property.name, property.default])), ...values };
	return credentialFields(type).filter((property) => property.required && shown(property, all));
}

function typed(property: INodeProperties, text: string): string | number | boolean {
	if (property.type === 'number') return Number(text);
	if (property.type === 'boolean') return text === 'true';
	return text;
}

function readFile(file: string, errors: string[]): Record<string, unknown> {
	if (!existsSync(file)) return {};
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	} catch (error) {
		errors.push(`${path.basename(file)} is not JSON: ${(error as Error).message}`);
		return {};
	}
}

const ALL_OPERATIONS = () => SERVICES.flatMap((entry) => entry.actions.operations.map((operation) => exampleName({ service: entry.key, resource: operation.resource, operation: operation.value })));

/** The operations a LIVE_WRITES name stands for. */
function matching(name: string, all: OperationKey[]): OperationKey[] {
	if (name === '*') return all;
	const [service, ...rest] = name.split('.');
	const pattern = rest.join('.');
	const ofService = all.filter((key) => key.startsWith(`${service} `));
	if (!pattern || pattern === '*') return ofService;
	if (pattern.endsWith('.*')) return ofService.filter((key) => key.split(' ')[1].startsWith(pattern.slice(0, -1)));
	if (pattern.includes('.')) return ofService.filter((key) => key === `${service} ${pattern}`);
	return ofService.filter((key) => key.endsWith(`.${pattern}`));
}

/** The writes named: `*`, `hover.*`, `hover.action.*`, `hover.action.create`, or `hover.create` when only one resource has it. */
export function parseWrites(names: string | string[] | undefined, errors: string[]): Set<OperationKey> {
	const writes = new Set<OperationKey>();
	const all = ALL_OPERATIONS();
	const list = (Array.isArray(names) ? names : (names ?? '').split(/[\s,]+/)).map((name) => name.trim()).filter(Boolean);
	for (const name of list) {
		const matches = matching(name, all);
		const wildcard = name.includes('*');
		if (!matches.length) {
			errors.push(`LIVE_WRITES names "${name}", which is no operation (names look like hover.action.create; docs/live.md lists them)`);
			continue;
		}
		if (!wildcard && matches.length > 1) {
			errors.push(`LIVE_WRITES names "${name}", which could be ${matches.map(writeName).join(' or ')}: name one`);
			continue;
		}
		for (const key of matches) {
			const plan = LIVE_PLAN[key];
			if (!plan) errors.push(`LIVE_WRITES names ${writeName(key)}, which test/live/plan.ts does not classify`);
			else if (plan.kind === 'write') writes.add(key);
			else if (!wildcard) errors.push(`LIVE_WRITES names ${writeName(key)}, which only reads: it always runs`);
		}
	}
	return writes;
}

/** The live run's configuration from the environment and the local credentials file. */
export async function liveConfig(env: NodeJS.ProcessEnv = process.env): Promise<LiveConfig> {
	const { credentialTypes } = await loadPackage();
	const errors: string[] = [];
	const fileName = env.LIVE_CREDENTIALS_FILE ?? DEFAULT_CREDENTIALS_FILE;
	const file = readFile(fileName, errors);
	const services: ServiceSetup[] = [];
	const skipped: LiveConfig['skipped'] = [];
	for (const entry of SERVICES) {
		const type = credentialTypes[entry.service.credentialType];
		const fromFile = (file[entry.key] ?? {}) as IDataObject;
		const given: IDataObject = {};
		for (const property of credentialFields(type)) {
			const text = env[envName(entry.key, property.name)];
			if (text !== undefined && text !== '') given[property.name] = typed(property, text);
			else if (fromFile[property.name] !== undefined) given[property.name] = fromFile[property.name];
		}
		if (!Object.keys(given).length) {
			const needed = requiredFields(type)
				.filter((property) => property.default === '' || property.default === 0 || property.default === undefined)
				.map((property) => envName(entry.key, property.name));
			skipped.push({ key: entry.key, reason: `no credentials: set ${needed.join(', ')} (or "${entry.key}" in ${path.basename(fileName)})` });
			continue;
		}
		const missing = requiredFields(type, given).filter((property) => {
			const value = given[property.name] ?? property.default;
			return value === undefined || value === '' || (value === 0 && given[property.name] === undefined);
		});
		if (missing.length) {
			errors.push(`${entry.title}: ${missing.map((property) => envName(entry.key, property.name)).join(', ')} not set (the credential needs ${missing.length > 1 ? 'them' : 'it'})`);
			continue;
		}
		let data = (fromFile.data ?? {}) as IDataObject;
		const dataText = env[dataEnvName(entry.key)];
		if (dataText) {
			try {
				data = { ...data, ...(JSON.parse(dataText) as IDataObject) };
			} catch {
				errors.push(`${dataEnvName(entry.key)} is not a JSON object`);
			}
		}
		const defaults = Object.fromEntries(type.properties.map((property) => [property.name, property.default]));
		services.push({ key: entry.key, credentials: { ...defaults, ...given } as ICredentialDataDecryptedObject, data });
	}
	const number = (name: string, fallback: number) => {
		const value = Number(env[name] ?? file[name.replace(/^LIVE_/, '').toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] ?? fallback);
		if (!Number.isFinite(value) || value < 0) errors.push(`${name} must be a number of milliseconds`);
		return value;
	};
	return {
		services,
		skipped,
		errors,
		writes: parseWrites(env.LIVE_WRITES ?? (file.writes as string | string[] | undefined), errors),
		pauseMs: number('LIVE_PAUSE_MS', DEFAULT_PAUSE_MS),
		timeoutMs: number('LIVE_TIMEOUT_MS', DEFAULT_TIMEOUT_MS),
		fixturesDir: env.LIVE_FIXTURES_DIR ?? DEFAULT_FIXTURES_DIR,
		progress: true,
	};
}

