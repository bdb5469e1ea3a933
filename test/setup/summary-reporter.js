/**
 * Jest's part of the closing line CI reads (`tests: N passed, N failed`). Run alone, it prints the
 * line; under `npm test` (HEARTH_TEST_COUNTS_DIR set) it writes its counts to a small JSON file
 * that test/setup/run-all.js adds to the client's Vitest and Playwright counts.
 */
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const dir = process.env.HEARTH_TEST_COUNTS_DIR;
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, process.env.HEARTH_TEST_COUNTS_FILE || 'jest.json'), JSON.stringify({ passed: results.numPassedTests, failed }));
    } else {
      process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed\n`);
    }
  }
}
module.exports = SummaryReporter;
