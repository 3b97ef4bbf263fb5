/**
 * Every operation's client against nock, through n8n's own outbound HTTP client: the exchanges the
 * sandbox had with n8n (test/harness/capture.ts captures them), and those a live run recorded with
 * a real service (test/fixtures/live, written by `npm run test:live`), are replayed, and each
 * operation must send the same requests and produce the same output; then every error its service
 * documents is answered to its first request and must come back as a ServiceError with that status
 * or code. (Uploads and downloads need n8n's binary helpers: the engine tests cover them.)
 */
import nock from 'nock';

import { captureExamples } from '../harness/capture';
import { documentedErrorProblems, replayProblems } from '../harness/replay';
import type { ReplayCase } from '../harness/replay';
import { readLiveFixtures } from '../live/fixtures';

let captured: ReplayCase[];

beforeAll(async () => {
	captured = [...(await captureExamples()), ...readLiveFixtures()];
	nock.disableNetConnect();
}, 60_000);
afterEach(() => nock.cleanAll());
// nock patches Node's http for the whole jest worker: restored, so the next test file in it talks to real sockets.
afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

test('every operation replays against nock (requests and output as with the sandbox)', async () => {
	expect(await replayProblems(captured)).toEqual([]);
}, 60_000);

test('every documented error of every operation comes back as a ServiceError with its status or code', async () => {
	expect(await documentedErrorProblems(captured)).toEqual([]);
}, 120_000);
