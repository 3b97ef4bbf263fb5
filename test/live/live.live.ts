/**
 * `npm run test:live`: every service whose credentials are given (docs/live.md), against the real
 * service. Services without credentials are named as skipped, with why; any mismatch fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { liveConfig } from './config';
import { formatReport, runLive } from './runner';

test('the real services answer as the operations expect', async () => {
	const config = await liveConfig();
	const report = await runLive(config);
	const text = formatReport(report);
	process.stdout.write(`\n${text}`);
	if (report.services.length) {
		mkdirSync(config.fixturesDir, { recursive: true });
		writeFileSync(path.join(config.fixturesDir, 'report.md'), text);
	}
	expect(report.failures).toEqual([]);
}, 60 * 60_000);
