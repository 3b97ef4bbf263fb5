/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Queue mode has its own run, after npm test: npm run test:queue (test/queue/jest.config.js); so has
	// the compatibility script's own test (two more n8n), in npm run test:compat before the matrix.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/queue/', '<rootDir>/test/compat/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setup.ts'],
	testTimeout: 30_000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
