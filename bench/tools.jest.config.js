/** `npm run bench:quick` and `npm run bench:profile`: one bench file each, named on the command line. */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ['**/quick.bench.ts', '**/profile.bench.ts'] };
