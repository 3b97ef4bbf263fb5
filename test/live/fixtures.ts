/**
 * The fixtures a live run writes, one file per service (test/fixtures/live/<service>.json): every
 * exchange with the real service, redacted, in the shape the nock replay suite reads
 * (test/unit/operations-nock.test.ts), with the redacted credential to replay them with.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { Exchange } from '../../sandbox/main';
import type { ReplayCase } from '../harness/replay';
import { isAuthPath } from '../harness/operations';
import type { OperationExample, ServiceEntry } from '../harness/operations';

export const DEFAULT_FIXTURES_DIR = path.resolve(__dirname, '../fixtures/live');

/** An exchange as written: what was sent and what came back, without the raw bytes. */
export interface StoredExchange {
	service: string;
	request: { method: string; path: string; headers: Record<string, string>; body: string };
	reply: { status: number; headers: Record<string, string>; body: unknown };
}

export interface LiveFixture {
	service: ServiceEntry['key'];
	/** When it was recorded, to the minute. */
	recordedAt: string;
	/** The credential the replay uses: its secrets replaced, its URLs on the replay's host. */
	credentials: IDataObject;
	credentialTest: { status: string; message: string; exchanges: StoredExchange[] };
	/** Each operation that succeeded, with the parameters it ran with. */
	operations: Array<{ example: OperationExample; exchanges: StoredExchange[]; output: IDataObject[] }>;
}

const isAuth = (exchange: StoredExchange) => isAuthPath(exchange.request.path);

export function writeLiveFixture(dir: string, fixture: LiveFixture): string {
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${fixture.service}.json`);
	writeFileSync(file, `${JSON.stringify(fixture, null, '\t')}\n`);
	return file;
}

export function readLiveFixture(file: string): LiveFixture {
	return JSON.parse(readFileSync(file, 'utf8')) as LiveFixture;
}

/**
 * The recorded operations as the replay suite takes them. Only the first operation of a run
 * fetched a token (the service's tokens are kept for the run), so each case is given the run's
 * first sign-in, which the replay answers only if asked.
 */
export function replayCasesOf(fixture: LiveFixture): ReplayCase[] {
	const signIn = [...fixture.credentialTest.exchanges, ...fixture.operations.flatMap((operation) => operation.exchanges)].find(isAuth);
	return fixture.operations.map((operation) => ({
		example: operation.example,
		exchanges: (signIn && !operation.exchanges.some(isAuth) ? [signIn, ...operation.exchanges] : operation.exchanges) as unknown as Exchange[],
		output: operation.output,
		credentials: fixture.credentials,
	}));
}

/** Every fixture in `dir` (none yet: nothing). */
export function readLiveFixtures(dir = process.env.LIVE_FIXTURES_DIR ?? DEFAULT_FIXTURES_DIR): ReplayCase[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.flatMap((name) => replayCasesOf(readLiveFixture(path.join(dir, name))));
}
