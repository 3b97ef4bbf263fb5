/** `npm run bench:queue`: queue mode's throughput with one and two workers (needs root for apt and PostgreSQL). Jest only drives it: the measured work runs in n8n's own processes. */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/bench/queue'],
	testMatch: ['**/*.bench.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setup.ts'],
	testTimeout: 1_800_000,
};
