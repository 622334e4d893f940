/**
 * One Jest run for the whole workspace: the real engines (PostgreSQL, Temporal, Kafka) start once
 * in globalSetup and every test file shares them.
 */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  // ESM-only dependencies are compiled to CommonJS like our own sources; the rest is left as is.
  transformIgnorePatterns: [
    '/node_modules/\\.pnpm/(?!(jose|@seriousme\\+openapi-schema-validator)@)',
  ],
  // What runs leave in .data (a production build's copy of the packages among them) is never a
  // module of ours: two packages of one name there would stop every later run.
  modulePathIgnorePatterns: ['<rootDir>/.data/'],
  testMatch: [
    '<rootDir>/packages/*/test/**/*.test.ts',
    '<rootDir>/services/*/test/**/*.test.ts',
    '<rootDir>/workflows/test/**/*.test.ts',
    '<rootDir>/deploy/test/**/*.test.ts',
  ],
  globalSetup: '<rootDir>/deploy/test/engines/global-setup.ts',
  globalTeardown: '<rootDir>/deploy/test/engines/global-teardown.ts',
  setupFiles: ['<rootDir>/deploy/test/engines/quiet-temporal.ts'],
  reporters: ['default', '<rootDir>/deploy/test/engines/integration-reporter.js'],
  testTimeout: 120_000,
  maxWorkers: 2,
};
