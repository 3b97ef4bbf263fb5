/**
 * The services of the package, typed: scripts/services.json is the one list (the .cjs scripts read
 * the JSON itself). Adding a service is one entry there, its folder under nodes/, its credential and
 * its sandbox module (docs/add-a-service.md); test/unit/layout.test.ts holds every entry to that
 * shape. nodes/ and credentials/ never import this: they ship to n8n without it.
 */
import registry from './services.json';

export interface RegisteredService {
	/** Docs file names, the sandbox's path prefix, operation examples: `telspiel`. */
	key: string;
	/** How people write the vendor's name: `telSpiel`. */
	title: string;
	/** Its folder under nodes/: `TelSpiel`. */
	folder: string;
	/** Its action node, nodes/<folder>/<node>.node.ts. */
	node: string;
	/** The node's type name in workflow JSON (after the package name): `telSpiel`. */
	nodeName: string;
	/** Its trigger nodes, each nodes/<folder>/<trigger>.node.ts. */
	triggers: string[];
	/** Its credential class, credentials/<credential>.credentials.ts. */
	credential: string;
	/** The credential's type name: `telSpielApi`. */
	credentialType: string;
	/** Its emulator, sandbox/<sandbox>.ts, served under /<sandbox>/. */
	sandbox: string;
	/** The sandbox credential `npm start` installs (the example workflows name it by id). */
	sandboxCredential: { id: string; name: string };
	/** Where its credential signs in or fetches a token, when it does: not an operation's own request. */
	authPath?: string;
	/** Its own package for n8n's verification (scripts/vendor-packages.cjs). */
	vendorPackage: { name: string; page: string; description: string; keywords: string[] };
}

export const SERVICE_REGISTRY: readonly RegisteredService[] = registry.services;

export function registeredService(key: string): RegisteredService {
	const found = SERVICE_REGISTRY.find((entry) => entry.key === key);
	if (!found) throw new Error(`No service "${key}" in scripts/services.json`);
	return found;
}

/** Source files of a service's nodes, from the repository root. */
export const nodeFiles = (entry: RegisteredService) => [entry.node, ...entry.triggers].map((name) => `nodes/${entry.folder}/${name}.node.ts`);

export const credentialFile = (entry: RegisteredService) => `credentials/${entry.credential}.credentials.ts`;

const built = (file: string) => `dist/${file.replace(/\.ts$/, '.js')}`;

/** package.json's `n8n.nodes` and `n8n.credentials` as the registry has them (n8n reads package.json; a test compares). */
export function n8nManifest(): { nodes: string[]; credentials: string[] } {
	return {
		nodes: SERVICE_REGISTRY.flatMap(nodeFiles).map(built).sort(),
		credentials: SERVICE_REGISTRY.map(credentialFile).map(built).sort(),
	};
}
