/** `npm run test:queue`: n8n in queue mode (PostgreSQL, Redis, a main and two workers), one stack for the suite. */
const base = require('../../jest.config');

module.exports = {
	...base,
	rootDir: '../..',
	roots: ['<rootDir>/test/queue'],
	testPathIgnorePatterns: [],
	testTimeout: 300_000,
};
