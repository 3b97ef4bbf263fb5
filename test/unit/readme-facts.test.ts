/**
 * What a newcomer reads first is right: package.json's description names every service and its
 * `main` (if any) exists, the README's vendor-package paragraph names every vendor package the build
 * makes, and a measured number (a size, a duration, a rate) in the README, docs/development.md or
 * docs/scaling.md says when it was measured (a date in its paragraph).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { description: string; main?: string };
const SERVICES = ['ServicePattern', 'telSpiel', 'Hover', 'Sobot', 'Haptik'];
// The vendor packages the build makes: one per entry of the services registry (scripts/vendor-packages.cjs reads it).
const VENDOR_PACKAGES = (JSON.parse(read('scripts/services.json')) as { services: Array<{ vendorPackage: { name: string } }> }).services.map((service) => service.vendorPackage.name);

// A figure someone measured: sizes, durations and rates, not limits the code sets.
const MEASURED = /\b\d[\d,.]*\s?(GB|min|minutes|items\/s)\b/;
// A bound the code or a service sets ("at most 5 minutes"), not a measurement.
const LIMIT = /\b(at most|up to|within|older than|for up to) [\d,.]+\s?\w+/g;
const DATED = /\b20\d\d-\d\d-\d\d\b/;

/** Prose paragraphs (not code, not tables) that quote a measured figure and give no date. */
export function undatedFigures(markdown: string): string[] {
	const withoutCode = markdown.replace(/```[^]*?```/g, '').replace(/<!-- compat:start[^]*?compat:end -->/, '');
	return withoutCode
		.split(/\n\s*\n/)
		.filter((paragraph) => !paragraph.trimStart().startsWith('|') && MEASURED.test(paragraph.replace(/`[^`]*`/g, '').replace(LIMIT, '')) && !DATED.test(paragraph))
		.map((paragraph) => paragraph.trim().slice(0, 120));
}

test('package.json names all five services, and main is dropped or exists', () => {
	for (const service of SERVICES) expect([service, pkg.description.includes(service)]).toEqual([service, true]);
	if (pkg.main !== undefined) expect(existsSync(path.join(ROOT, pkg.main))).toBe(true);
});

test('the README names every vendor package the build makes', () => {
	expect(VENDOR_PACKAGES).toHaveLength(5);
	const paragraph = read('README.md').split('\n\n').find((text) => text.startsWith('**One package per vendor.**'));
	for (const name of VENDOR_PACKAGES) expect([name, paragraph?.includes(`\`${name}\``)]).toEqual([name, true]);
});

test('the figure check finds a number without its date', () => {
	expect(undatedFigures('Installing took 9.6 min.\n\nThe relay: 245 items/s (2026-12-01).\n\n| 5 min | table |\n\nA timeout of 30 s, a signature at most 5 minutes old.')).toEqual(['Installing took 9.6 min.']);
});

test('every measured number in the README, docs/development.md and docs/scaling.md carries its date', () => {
	for (const file of ['README.md', 'docs/development.md', 'docs/scaling.md']) expect([file, undatedFigures(read(file))]).toEqual([file, []]);
});
