/**
 * Helpers for the adversarial suite: walks the OpenAPI document the running app
 * serves and produces malformed variants of every request a client could send.
 */
import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Operation {
  method: HttpMethod;
  /** OpenAPI path, e.g. /api/groups/{groupId} */
  path: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
  /** Resolved JSON schema of the request body, if any. */
  body?: Schema;
  secured: boolean;
}

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

type OpenApiDoc = {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema?: Schema }>; requestBody?: { content?: Record<string, { schema?: Schema }> }; security?: unknown[] }>>;
  components?: { schemas?: Record<string, Schema> };
};

export async function loadOpenApi(t: TestApp): Promise<OpenApiDoc> {
  const res = await t.http().get('/docs-json');
  if (res.status !== 200) throw new Error(`/docs-json answered ${res.status}`);
  return res.body as OpenApiDoc;
}

function resolve(doc: OpenApiDoc, schema: Schema | undefined, depth = 0): Schema | undefined {
  if (!schema || depth > 8) return schema;
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return resolve(doc, doc.components?.schemas?.[name], depth + 1);
  }
  if (schema.allOf?.length) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf) {
      const r = resolve(doc, part, depth + 1);
      Object.assign(merged.properties!, r?.properties ?? {});
      merged.required!.push(...(r?.required ?? []));
    }
    return merged;
  }
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(schema.properties)) out.properties[k] = resolve(doc, v, depth + 1) ?? {};
  }
  if (schema.items) out.items = resolve(doc, schema.items, depth + 1);
  return out;
}

export function operations(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      out.push({
        method: method as HttpMethod,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(doc, p.schema) ?? {} })),
        body: resolve(doc, op.requestBody?.content?.['application/json']?.schema),
        secured: !!op.security?.length,
      });
    }
  }
  return out;
}

export function fillPath(path: string, values: Record<string, string>, fallback: (name: string) => string = () => randomUUID()): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? fallback(name)));
}

/** A plausible valid value for a schema (used as the base that mutations break one field at a time). */
export function sample(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 5) return 'x';
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      return 'a'.repeat(Math.max(schema.minLength ?? 3, 3));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [sample(schema.items, depth + 1)];
    case 'object':
    default: {
      if (!schema.properties) return {};
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties)) o[k] = sample(v, depth + 1);
      return o;
    }
  }
}

/** `null` where a field is optional but not nullable: a separate class of mistake, probed on its own. */
export const NULL_VALUE: Array<[string, unknown]> = [['null', null]];

export const TEN_KB = 'x'.repeat(10 * 1024);

/** Values of the wrong kind for any field: types, extremes, NUL, long strings, nesting. */
export const BAD_VALUES: Array<[string, unknown]> = [
  ['true', true],
  ['zero', 0],
  ['negative', -1],
  ['float', 1.5],
  ['huge number', 1e308],
  ['beyond safe integer', 2 ** 63],
  ['negative huge', -1e308],
  ['empty string', ''],
  ['NUL string', 'a\u0000b'],
  ['10 kB string', TEN_KB],
  ['numeric string', '12'],
  ['non-uuid string', 'not-a-uuid'],
  ['lone surrogate', '\ud800x'],
  ['array', ['a', 1]],
  ['array of 10 kB strings', [TEN_KB, TEN_KB]],
  ['empty object', {}],
  ['nested object', { a: { b: { c: [1, 2, { d: 'e' }] } } }],
  ['object with NUL key', { 'a\u0000': 1 }],
];

export interface BodyCase {
  name: string;
  /** undefined = no body at all; a string is sent raw with Content-Type: application/json. */
  body: unknown;
  raw?: boolean;
}

/** Whole-body mistakes plus, for each documented field, each bad value and its absence. */
export function bodyCases(schema: Schema | undefined, badValues: Array<[string, unknown]> = BAD_VALUES, wholeBody = true): BodyCase[] {
  const base = (sample(schema) ?? {}) as Record<string, unknown>;
  const cases: BodyCase[] = !wholeBody ? [] : [
    { name: 'no body', body: undefined },
    { name: 'array instead of object', body: [base] },
    { name: 'empty array', body: [] },
    { name: 'invalid JSON', body: '{"a":', raw: true },
    { name: 'JSON string', body: '"just a string"', raw: true },
    { name: 'JSON number', body: '12', raw: true },
    { name: 'JSON null', body: 'null', raw: true },
    { name: 'unknown field', body: { ...base, zzUnknown: 1 } },
    { name: 'prototype key', body: JSON.parse(`{"__proto__": {"isAdmin": true}}`) },
    { name: 'constructor key', body: { constructor: { prototype: { x: 1 } } } },
    { name: 'deeply nested', body: nest(40) },
  ];
  const props = schema?.properties ?? {};
  for (const [field, fieldSchema] of Object.entries(props)) {
    for (const [label, value] of badValues) cases.push({ name: `${field}=${label}`, body: { ...base, [field]: value } });
    const without = { ...base };
    delete without[field];
    if (wholeBody) cases.push({ name: `without ${field}`, body: without });
    if (fieldSchema.type === 'object' && fieldSchema.properties) {
      for (const sub of Object.keys(fieldSchema.properties)) {
        for (const [label, value] of badValues.slice(0, 12)) {
          cases.push({ name: `${field}.${sub}=${label}`, body: { ...base, [field]: { ...(base[field] as object), [sub]: value } } });
        }
      }
    }
  }
  return cases;
}

export function nest(depth: number): Record<string, unknown> {
  let o: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < depth; i++) o = { a: o };
  return o;
}

/** Raw query strings: every documented parameter broken, and unknown ones added. */
export function queryCases(params: Array<{ name: string }>): string[] {
  const values = ['%%%', 'abc', '-1', '0', '1e9', '1e400', '1.5', 'NaN', 'Infinity', '%00', '', encodeURIComponent(TEN_KB), '0x10', encodeURIComponent('\u0000'), '%ED%A0%80'];
  const out = ['zzUnknown=1', 'zzUnknown=1&zzUnknown=2', '__proto__=1', 'constructor=1', 'a[b]=c'];
  for (const p of params) {
    for (const v of values) out.push(`${p.name}=${v}`);
    out.push(`${p.name}=1&${p.name}=2`);
    out.push(`${p.name}[x]=1`);
  }
  return out;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Cursors that are not what any page handed out: not base64, junk, JSON of the wrong shape or types. */
export function structurallyBadCursors(): string[] {
  const uuid = randomUUID();
  return [
    '%%%',
    '!!!!',
    b64('junk'),
    b64('{"'),
    b64('[]'),
    b64('null'),
    b64('123'),
    b64('"s"'),
    b64('{}'),
    b64(JSON.stringify({ t: 1, i: 2 })),
    b64(JSON.stringify({ t: 1, id: 2 })),
    b64(JSON.stringify({ t: 1, u: 2 })),
    b64(JSON.stringify({ n: 1, i: 2 })),
    b64(JSON.stringify({ o: 'x' })),
    b64(JSON.stringify({ o: -1 })),
    b64(JSON.stringify({ o: 1.5 })),
    b64(JSON.stringify({ o: 1e9 })),
    b64(JSON.stringify({ o: 1e308 })),
    b64(JSON.stringify({ t: 'abc', i: 'not-a-uuid' })),
    b64(JSON.stringify({ t: 'abc', u: 'not-a-uuid' })),
    b64(JSON.stringify({ n: 'x', i: '-'.repeat(36) })),
    b64(JSON.stringify({ n: 'x', i: 'g'.repeat(36) })),
    b64(JSON.stringify({ n: 'a\u0000', i: uuid })),
    b64(JSON.stringify({ t: new Date().toISOString(), i: uuid, extra: 1 })),
    b64(JSON.stringify({ __proto__: { x: 1 }, o: 0 }).replace('"o"', '"__proto__":{},"o"')),
  ];
}

/**
 * Cursors with the right keys and types (strings where strings are expected, a
 * valid uuid) but a value that is not a timestamp PostgreSQL accepts, though
 * JavaScript's lenient Date.parse may.
 */
export function wellTypedBadCursors(): string[] {
  const uuid = randomUUID();
  const stamps = ['abc', '2020', 'hello 2020', '1', '99999-01-01T00:00:00Z', '2020-02-30T00:00:00Z', '+275760-09-13T00:00:00.000Z', '2020-01-01T00:00:00Z\u0000'];
  const out: string[] = [];
  for (const t of stamps) {
    out.push(b64(JSON.stringify({ t, i: uuid })));
    out.push(b64(JSON.stringify({ t, id: uuid })));
    out.push(b64(JSON.stringify({ t, u: uuid })));
  }
  out.push(b64(JSON.stringify({ n: 'x'.repeat(300), i: uuid })));
  return out;
}

export interface Probe {
  what: string;
  status: number;
  body: unknown;
}

/** A response a client mistake may produce: never 5xx, and errors carry the documented shape. */
export function problem(p: Probe): string | null {
  if (p.status >= 500) return `${p.what} -> ${p.status} ${JSON.stringify(p.body).slice(0, 300)}`;
  if (p.status >= 400) {
    const b = p.body as Record<string, unknown> | undefined;
    const ok =
      !!b &&
      typeof b === 'object' &&
      b.statusCode === p.status &&
      typeof b.code === 'string' &&
      /^[A-Z][A-Z0-9_]*$/.test(b.code) &&
      typeof b.message === 'string' &&
      typeof b.requestId === 'string' &&
      (b.requestId as string).length > 0;
    if (!ok) return `${p.what} -> ${p.status} with a body not shaped {statusCode, code, message, requestId}: ${JSON.stringify(p.body).slice(0, 300)}`;
  }
  return null;
}
