// Runs n8n's community-package scanner analysis (its exported analyzePackage, as the scanner runs it)
// over a folder, and prints the result as JSON. The scanner is ESM only, which jest cannot load in
// process, hence a child process; from CommonJS it is loaded with import().
'use strict';

async function main() {
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const [dir, leg] = process.argv.slice(2);
	const result = await analyzePackage(dir, leg === 'source' ? SOURCE_FILE_PATTERNS : undefined);
	process.stdout.write(`${JSON.stringify({ passed: result.passed, message: result.message ?? '', details: result.details ?? '' })}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error?.message ?? error}\n`);
	process.exitCode = 1;
});
