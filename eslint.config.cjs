// `npm run lint` is n8n's own gate: the configuration n8n's community-package scanner lints with
// (@n8n/scan-community-package's buildScanConfig: the community-nodes rules, no-console, and
// eslint-plugin-n8n-nodes-base's community, credentials and nodes rulesets, as `n8n-node lint`),
// over what the scanner reads: package.json, nodes/ and credentials/, and the built dist/ that the
// tarball carries. Inline eslint-disable comments are ignored, as the scanner ignores them.
// ESLint takes the promise this exports: the scanner is ESM only, so it is loaded with import().
'use strict';

// On top of the gate, stricter than it: the community rules let devDependencies through (they assume
// they are bundled). We bundle nothing, so only n8n's own allowlist may be imported.
const ALLOWED = String.raw`(n8n-workflow|zod|lodash|luxon|moment|p-limit|crypto|node:crypto|@n8n/ai-node-sdk)(/.*)?`;
const notAllowed = String.raw`^(?!${ALLOWED}$)(?!\.{1,2}/)`;
const allowlist = {
	'no-restricted-imports': ['error', { patterns: [{ regex: notAllowed, message: 'Only n8n’s allowed modules may be imported.' }] }],
	'no-restricted-syntax': [
		'error',
		{
			selector: `CallExpression[callee.name='require'] > Literal.arguments[value=/${notAllowed.replace(/\//g, '\\/')}/]`,
			message: 'Only n8n’s allowed modules may be required.',
		},
	],
};

module.exports = import('@n8n/scan-community-package/scanner/scanner.mjs').then(async ({ buildScanConfig }) => [
	{ ignores: ['**/*', '!package.json', '!nodes/**', '!credentials/**', '!dist/**', 'dist/**/*.d.ts', 'dist/**/*.map'] },
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
	...(await buildScanConfig()),
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts'], rules: allowlist },
	{ files: ['dist/**/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: allowlist },
]);
