/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Queue mode has its own run, after npm test: npm run test:queue (test/queue/jest.config.js).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/queue/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setup.ts'],
	testTimeout: 30_000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
