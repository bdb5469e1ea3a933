/**
 * Two jest projects: `unit` (specs beside the code in libs/** and apps/**, no database)
 * and `e2e` (test/**, real PostgreSQL: the global setup migrates a template database once).
 * `npm test` runs both; `npm run test:unit` / `npm run test:e2e` select one.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  // The web client has its own runners (Vitest, Playwright).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/', '<rootDir>/dist/'],
  transform: {
    // Type errors are caught by `npm run typecheck` before jest runs.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Runs only when an e2e suite is selected.
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
  // Global options (jest reads them only at the top level).
  testTimeout: 60000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
};
