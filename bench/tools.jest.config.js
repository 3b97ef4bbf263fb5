/** `npm run bench:quick`, `bench:profile` and `bench:paths`: one bench file each, named on the command line. */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ['**/quick.bench.ts', '**/profile.bench.ts', '**/paths.bench.ts'] };
