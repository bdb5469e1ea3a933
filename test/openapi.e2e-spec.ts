import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fillPath, HttpMethod } from './support/fuzz';
import { createTestApp, TestApp } from './support/test-app';

/*
 * The OpenAPI document is a contract: the web client's typed API is generated from the
 * committed copy (apps/web/src/api/openapi.json). This suite lints the live document with
 * Redocly's recommended rules and fails when it drifts from that copy.
 * `npm run openapi:update` (UPDATE_OPENAPI=1) rewrites the copy instead.
 */

const ROOT = join(__dirname, '..');
const SNAPSHOT = join(ROOT, 'apps/web/src/api/openapi.json');
const LINTER = join(__dirname, 'support/lint-openapi.mjs');
const UPDATE = process.env.UPDATE_OPENAPI === '1';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Problem {
  severity: 'error' | 'warn';
  ruleId: string;
  message: string;
  at?: string;
}
interface Operation {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
}

/** Objects with their keys sorted (arrays keep their order), so the committed copy diffs cleanly. */
function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

function stableJson(doc: unknown): string {
  return `${JSON.stringify(sortKeys(doc as Json), null, 2)}\n`;
}

/** JSON pointers where the live document `a` and the committed copy `b` differ (at most `limit`), for a readable failure. */
function differences(a: Json, b: Json, at = '#', out: string[] = [], limit = 40): string[] {
  if (out.length >= limit) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const x = (a as Record<string, Json>)[k];
      const y = (b as Record<string, Json>)[k];
      const here = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (x === undefined) out.push(`${here}: only in the committed copy`);
      else if (y === undefined) out.push(`${here}: only in the live document`);
      else differences(x, y, here, out, limit);
      if (out.length >= limit) break;
    }
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`${at}: live ${JSON.stringify(a)?.slice(0, 80)} ≠ committed ${JSON.stringify(b)?.slice(0, 80)}`);
  }
  return out;
}

function operations(doc: { paths: Record<string, Record<string, Operation>> }): Array<{ method: HttpMethod; path: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ method: method as HttpMethod, path, op })),
  );
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let live: { paths: Record<string, Record<string, Operation>> } & Record<string, unknown>;
  let tmp: string;

  beforeAll(async () => {
    t = await createTestApp();
    live = (await t.http().get('/docs-json').expect(200)).body;
    tmp = mkdtempSync(join(tmpdir(), 'hearth-openapi-'));
  });
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await t.close();
  });

  it("passes Redocly's recommended rules with no error", () => {
    const file = join(tmp, 'openapi.json');
    writeFileSync(file, JSON.stringify(live));
    // A separate Node process: @redocly/openapi-core is ESM-only, jest runs CommonJS.
    const run = spawnSync(process.execPath, [LINTER, file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (run.status !== 0) throw new Error(`The linter failed to run: ${run.stderr}`);
    const problems = JSON.parse(run.stdout) as Problem[];
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} at ${p.at}: ${p.message}`);
    expect(errors).toEqual([]);
  });

  it('gives every operation a unique operationId, security, and 4xx answers with the ErrorResponse body', () => {
    const ids = new Set<string>();
    for (const { method, path, op } of operations(live)) {
      expect(op.operationId).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      expect(Array.isArray(op.security)).toBe(true);
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^4/.test(status)) continue;
        const ok = response.$ref?.startsWith('#/components/responses/') || response.content?.['application/json']?.schema?.$ref === '#/components/schemas/ErrorResponse';
        if (!ok) throw new Error(`${method.toUpperCase()} ${path} ${status} does not answer with ErrorResponse`);
      }
      if (op.security!.length > 0) expect(Object.keys(op.responses)).toContain('401');
    }
    const schemas = (live.components as { schemas: Record<string, { enum?: string[]; required?: string[] }> }).schemas;
    expect(schemas.ErrorResponse.required).toEqual(['statusCode', 'code', 'message', 'requestId']);
    expect(schemas.ErrorCode.enum).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'NOT_FOUND', 'RATE_LIMITED']));
    expect(live.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('marks exactly the routes that answer without a token as public (security: [])', async () => {
    const publicOps: string[] = [];
    for (const { method, path, op } of operations(live)) {
      const res = await t.http()[method](fillPath(path, {})).send(method === 'get' ? undefined : {});
      const documentedPublic = op.security!.length === 0;
      if (documentedPublic) publicOps.push(`${method.toUpperCase()} ${path}`);
      // A secured route refuses the missing token before anything else; a public one never does.
      if (documentedPublic !== (res.body?.code !== 'UNAUTHENTICATED')) {
        throw new Error(`${method.toUpperCase()} ${path}: documented ${documentedPublic ? 'public' : 'secured'} but answered ${res.status} ${res.body?.code}`);
      }
    }
    expect(publicOps).toEqual(expect.arrayContaining(['GET /api/health', 'POST /api/auth/register', 'POST /api/auth/login', 'POST /api/auth/refresh', 'POST /api/auth/logout']));
  });

  it('equals the committed copy the web client is generated from (npm run openapi:update rewrites it)', () => {
    const text = stableJson(live);
    if (UPDATE) {
      mkdirSync(dirname(SNAPSHOT), { recursive: true });
      writeFileSync(SNAPSHOT, text);
      return;
    }
    if (!existsSync(SNAPSHOT)) throw new Error(`${SNAPSHOT} is missing: run npm run openapi:update`);
    const committed = readFileSync(SNAPSHOT, 'utf8');
    if (committed !== text) {
      const diff = differences(JSON.parse(text) as Json, JSON.parse(committed) as Json);
      throw new Error(`The API changed but apps/web/src/api/openapi.json did not: run npm run openapi:update and commit it.\n${diff.join('\n') || '(formatting only)'}`);
    }
  });
});
