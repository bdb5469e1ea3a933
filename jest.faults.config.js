/**
 * The fault suite (`npm run test:faults`, the last step of `npm test`): the real
 * server as child processes (built first: dist/apps/api/src/main.js) against a
 * PostgreSQL the suite stops, crashes and freezes. One file, scenarios one after
 * another, one worker. See docs/faults.md.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/global-teardown.ts',
  testTimeout: 240000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
};
