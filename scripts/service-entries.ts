/**
 * Each registered service (scripts/services.json) with what its code defines: the node's resources
 * and operations, its service module and its credential, loaded from the folders the registry names.
 * For the build tools (scripts/reference-docs.ts) and the tests alike; nothing here is a test's own.
 */
import path from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import type { ServiceActions } from '../nodes/shared/operation';
import type { Service } from '../nodes/shared/service';
import { name as PACKAGE_NAME } from '../package.json';
import { SERVICE_REGISTRY } from './services';
import type { RegisteredService } from './services';

export interface ServiceEntry {
	/** Key used in docs file names and the sandbox prefix. */
	key: string;
	title: string;
	/** The action node's type in workflow JSON: `n8n-nodes-contact-center.telSpiel`. */
	nodeType: string;
	/** The node's resources and operations. */
	actions: ServiceActions<unknown>;
	service: Service<unknown>;
	credential: ICredentialType;
	/** Where the credential signs in or fetches its token, when it does: not an operation's own request. */
	authPath?: string;
	registered: RegisteredService;
}

const ROOT = path.resolve(__dirname, '..');

/** The one export of a module that satisfies `is`, so the registry needs no export names. */
function exportOf<T>(file: string, is: (value: unknown) => boolean): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const found = Object.values(require(path.join(ROOT, file)) as Record<string, unknown>).filter(is);
	if (found.length !== 1) throw new Error(`${file} should export exactly one such value, has ${found.length}`);
	return found[0] as T;
}

function entryOf(registered: RegisteredService): ServiceEntry {
	const actions = exportOf<ServiceActions<unknown>>(`nodes/${registered.folder}/actions`, (value) => typeof value === 'object' && value !== null && 'operations' in value && 'service' in value);
	const Credential = exportOf<new () => ICredentialType>(`credentials/${registered.credential}.credentials`, (value) => typeof value === 'function');
	return {
		key: registered.key,
		title: registered.title,
		nodeType: `${PACKAGE_NAME}.${registered.nodeName}`,
		actions,
		service: actions.service,
		credential: new Credential(),
		authPath: registered.authPath,
		registered,
	};
}

/** In the registry's order. */
export const SERVICES: ServiceEntry[] = SERVICE_REGISTRY.map(entryOf);
