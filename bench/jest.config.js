/** `npm run bench`: the benchmarks, apart from the test suite. */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/bench'],
	// The full run; quick.bench.ts and profile.bench.ts have their own commands (tools.jest.config.js).
	testMatch: ['**/contact-center.bench.ts'],
	// Queue mode needs root, apt and a minute per stack: its own command, npm run bench:queue.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/bench/queue/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setup.ts'],
	testTimeout: 1_800_000,
};
