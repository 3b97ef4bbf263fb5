/** `npm run test:live`: the contract tests against real services (docs/live.md); not part of `npm test`. */
const base = require('../../jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	rootDir: '../..',
	testMatch: ['<rootDir>/test/live/**/*.live.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	reporters: ['default'],
};
