/**
 * Lints an OpenAPI document with Redocly's `recommended` ruleset and prints the problems as JSON.
 * A separate Node process because @redocly/openapi-core is ESM-only and jest runs CommonJS.
 * Usage: node lint-openapi.mjs <document.json>
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createConfig, lintFromString } from '@redocly/openapi-core';

const file = process.argv[2];
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source: readFileSync(file, 'utf8'), absoluteRef: pathToFileURL(file).href, config });
const out = problems.map((p) => ({
  severity: p.severity,
  ruleId: p.ruleId,
  message: p.message,
  at: p.location?.[0]?.pointer,
}));
process.stdout.write(JSON.stringify(out));
