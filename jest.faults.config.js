/**
 * The fault suite (`npm run test:faults`): the real server as child processes
 * (built first: dist/apps/api/src/main.js) against a PostgreSQL the suite
 * stops, crashes and freezes. One file, scenarios one after another.
 */
const base = require('./jest.config.js');

module.exports = {
  rootDir: '.',
  moduleFileExtensions: base.moduleFileExtensions,
  transform: base.transform,
  moduleNameMapper: base.moduleNameMapper,
  testEnvironment: 'node',
  testRegex: 'test/faults/.*\\.fault-spec\\.ts$',
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/global-teardown.ts',
  testTimeout: 240000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
};
