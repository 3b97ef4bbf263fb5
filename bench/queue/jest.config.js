/** `npm run bench:queue`: queue mode's throughput with one and two workers (needs root for apt and PostgreSQL). */
const base = require('../jest.config');

module.exports = { ...base, rootDir: '../..', roots: ['<rootDir>/bench/queue'], testPathIgnorePatterns: ['/node_modules/'] };
