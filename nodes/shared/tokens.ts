import { createHash } from 'crypto';

export interface IssuedToken {
	token: string;
	/** Seconds the token is valid for, as the service says. */
	expiresInSeconds: number;
}

export interface GetOptions {
	/** Whether a failed fetch is final for these credentials (a wrong password): then it is remembered briefly. */
	isRefusal?: (error: unknown) => boolean;
}

interface Entry {
	token: Promise<IssuedToken>;
	/** When to stop using it: shortly before the service lets it expire. */
	refreshAt: number;
}

/** Stop using a token this long before its stated expiry, so no request carries one that just ran out. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
/**
 * How long a refusal the service gave for these very credentials is answered from memory: long
 * enough that one run with a wrong password asks once, short enough that a retry after a fix works
 * (a fixed password is another key anyway).
 */
const REFUSAL_MEMORY_MS = 60_000;

/**
 * Tokens that a service issues for a credential, shared by every item and execution of this process.
 * Only a cache: losing it (a restart, another worker) costs one token request, never correctness.
 * Concurrent callers share one in-flight request, so many items never fetch many tokens.
 */
export class TokenCache {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly now: () => number = Date.now) {}

	/** A key for a credential that does not keep its secret in memory as a map key. */
	static key(...parts: string[]): string {
		return createHash('sha256').update(parts.join('\u0000')).digest('hex');
	}

	async get(key: string, issue: () => Promise<IssuedToken>, options: GetOptions = {}): Promise<string> {
		const cached = this.entries.get(key);
		if (cached && this.now() < cached.refreshAt) return (await cached.token).token;
		const entry: Entry = { token: issue(), refreshAt: Number.POSITIVE_INFINITY };
		this.entries.set(key, entry);
		entry.token.then(
			(issued) => {
				entry.refreshAt = this.now() + Math.max(0, issued.expiresInSeconds * 1000 - EXPIRY_MARGIN_MS);
			},
			(error: unknown) => {
				if (options.isRefusal?.(error)) entry.refreshAt = this.now() + REFUSAL_MEMORY_MS;
				// Any other failed fetch is not cached: the next caller tries again.
				else if (this.entries.get(key) === entry) this.entries.delete(key);
			},
		);
		return (await entry.token).token;
	}

	/** Drops `token` when the service said it is no longer valid; a newer token already cached stays. */
	async invalidate(key: string, token: string): Promise<void> {
		const cached = this.entries.get(key);
		if (!cached) return;
		const current = await cached.token.catch(() => undefined);
		if (current?.token === token && this.entries.get(key) === cached) this.entries.delete(key);
	}
}
