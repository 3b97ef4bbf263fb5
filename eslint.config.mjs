// Mirrors n8n's community-package scanner: the cloud ("recommended") rules plus no-console, applied to the
// sources it reads (package.json, nodes/, credentials/) and to the built JavaScript it reads from the
// tarball (dist/). Inline eslint-disable comments are ignored, as the scanner ignores them.
import { configs } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const { recommended } = configs;

// The plugin's no-restricted-imports lets devDependencies through (it assumes they are bundled). We
// bundle nothing, so only n8n's own allowlist may be imported: anything else would fail inside n8n.
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

export default [
	{ ignores: ['**/*', '!package.json', '!nodes/**', '!credentials/**', '!dist/**', 'dist/**/*.d.ts', 'dist/**/*.map'] },
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'nodes/**/*.json', 'package.json'],
		languageOptions: { parser: tseslint.parser },
		plugins: recommended.plugins,
		rules: { ...recommended.rules, 'no-console': 'error' },
	},
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts'], rules: allowlist },
	{
		files: ['dist/**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
		plugins: recommended.plugins,
		rules: { ...recommended.rules, ...allowlist, 'no-console': 'error' },
	},
];
