#!/usr/bin/env node
/**
 * `npm test`: the type check, the server's jest suite, the fault suite, the client's Vitest suite, then the
 * browser journeys (Playwright, on a fresh build). Every step runs even when an earlier one fails,
 * so the closing line counts all of them: each runner writes its counts to a JSON file under
 * test-results/counts/, and this script adds them up into one line, `tests: N passed, N failed`.
 * A step that stops before writing its counts (a type error, a crash, a failed build) counts as
 * one failure. The exit code is non-zero when anything failed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const countsDir = path.join(root, 'test-results', 'counts');
fs.rmSync(countsDir, { recursive: true, force: true });
fs.mkdirSync(countsDir, { recursive: true });
const env = { ...process.env, HEARTH_TEST_COUNTS_DIR: countsDir };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(label, cmd, args, opts = {}) {
  process.stdout.write(`\n▶ ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? root, env: { ...env, ...(opts.env ?? {}) }, stdio: 'inherit' });
  return r.status === 0;
}

const read = (file) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(countsDir, file), 'utf8'));
  } catch {
    return null;
  }
};

const steps = [];
const record = (name, ok, counts) => steps.push({ name, ok, passed: counts?.passed ?? 0, failed: counts ? counts.failed : ok ? 0 : 1 });

// 1. Types (server and client). A failure counts once.
const typesOk = run('typecheck', npm, ['run', 'typecheck']);
record('typecheck', typesOk, typesOk ? { passed: 0, failed: 0 } : null);

// 2. Build the API and the client: the web-serving e2e suite and the browser journeys use it.
const buildOk = run('build', npm, ['run', 'build']);
record('build', buildOk, buildOk ? { passed: 0, failed: 0 } : null);

// 3. The server's jest suite (unit + end-to-end against real PostgreSQL).
const jestOk = run('server tests (jest)', npx, ['jest', '--config', 'jest.config.js']);
const jest = read('jest.json');
record('jest', jestOk, jest ? { passed: jest.passed, failed: jest.failed || (jestOk ? 0 : 1) } : null);

// 3b. The fault suite: the built server as child processes against a PostgreSQL it stops, crashes and freezes.
const faultsOk = run('fault suite (jest)', npx, ['jest', '--config', 'jest.faults.config.js'], { env: { HEARTH_TEST_COUNTS_FILE: 'faults.json' } });
const faults = read('faults.json');
record('faults', faultsOk, faults ? { passed: faults.passed, failed: faults.failed || (faultsOk ? 0 : 1) } : null);

// 4. The client's component and unit tests (Vitest).
const vitestFile = path.join(countsDir, 'vitest-report.json');
const vitestOk = run('client tests (vitest)', npm, ['run', 'test', '-w', 'apps/web', '--', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
let vitest = null;
try {
  const j = JSON.parse(fs.readFileSync(vitestFile, 'utf8'));
  const failedSuites = (j.testResults ?? []).filter((s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0).length;
  vitest = { passed: j.numPassedTests, failed: j.numFailedTests + failedSuites };
} catch {
  /* no report */
}
record('vitest', vitestOk, vitest ? { passed: vitest.passed, failed: vitest.failed || (vitestOk ? 0 : 1) } : null);

// 5. Browser journeys (Playwright in Debian's Chromium, against the build from step 2).
const pwFile = path.join(countsDir, 'playwright-report.json');
let pw = null;
if (buildOk) {
  const pwOk = run('browser journeys (playwright)', npm, ['run', 'test:e2e', '-w', 'apps/web'], { env: { PW_JSON_REPORT: pwFile } });
  try {
    const j = JSON.parse(fs.readFileSync(pwFile, 'utf8'));
    const s = j.stats ?? {};
    pw = { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) + ((j.errors ?? []).length ? 1 : 0) };
  } catch {
    /* no report */
  }
  record('playwright', pwOk, pw ? { passed: pw.passed, failed: pw.failed || (pwOk ? 0 : 1) } : null);
} else {
  record('playwright', false, null);
}

const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
process.stdout.write('\n' + steps.map((s) => `  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${s.passed} passed, ${s.failed} failed`).join('\n') + '\n');
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || steps.some((s) => !s.ok) ? 1 : 0);
