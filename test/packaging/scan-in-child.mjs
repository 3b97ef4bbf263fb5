// Runs n8n's community-package scanner analysis (its exported analyzePackage, as the scanner runs it)
// over a folder, and prints the result as JSON. The scanner is ESM only, hence a child process.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [dir, leg] = process.argv.slice(2);
const result = await analyzePackage(dir, leg === 'source' ? SOURCE_FILE_PATTERNS : undefined);
process.stdout.write(`${JSON.stringify({ passed: result.passed, message: result.message ?? '', details: result.details ?? '' })}\n`);
