import { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ApiExtension, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ErrorCode, httpStatusFor, IS_PUBLIC } from '@hearth/common';

/*
 * The OpenAPI document, built by Nest from the controllers' decorators and then completed
 * here, in one place, so every controller (today's and those still to come) gets the same
 * treatment without repeating it on each route:
 *
 * - `servers` is this server (a relative URL, so the document is the same on every port).
 * - Routes marked `@Public()` get `security: []`; every other one the bearer scheme.
 * - Every operation gets a stable operationId derived from its method and path
 *   (`GET /api/groups/{groupId}/members` → `getGroupsByGroupIdMembers`), unless a controller set
 *   one explicitly in `@ApiOperation({ operationId })`. Path-derived ids survive renaming or
 *   splitting controllers, so the web client generated from the document does not churn.
 * - Every operation documents the error answers it may give, all `ErrorResponse`:
 *     400  when it takes a body, path or query parameters (validation);
 *     401  when it needs a token, or is public and checks a credential it is given (a `password` or
 *          `refreshToken` field, on a route that answers with a body and creates nothing: sign-in, refresh);
 *     403  when it needs a token and names an object (path parameter), writes, or is under /admin;
 *          also where a credential is checked (a suspended account);
 *     404  when it has path parameters or its body refers to other objects by id (uuid fields);
 *     409  on writes that need a token, and on public writes that create something (201);
 *     429  unless the route skips the API-wide throttle (`@SkipThrottle()`).
 *   A response a controller declares itself is kept; only its missing error body is filled in.
 * - Tags used by operations are declared at the top level, with a description.
 * Checked by test/openapi.e2e-spec.ts: Redocly's recommended rules report no error.
 */

export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = 'docs-json';

/** Carries what the route decorators say (public, throttled) from the handler into the document; removed before serving. */
const ROUTE_FACTS = 'x-hearth-route';
/** Marks operationIds Nest generated (as opposed to ones a controller set), so they can be replaced. */
const GENERATED_ID = 'nest-generated:';
const BEARER = 'bearer';

interface RouteFacts {
  public: boolean;
  throttled: boolean;
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Whether this server and its database answer',
  auth: 'Accounts, sign-in, token refresh (with rotation), sign-out and password changes',
  me: 'Your own account, profile, privacy settings, groups, requests and recommendations',
  admin: 'Platform administration: accounts, roles and suspensions',
  communities: 'Communities: spaces run by admins, with a code of conduct and their groups',
  themes: 'Recovery themes in people’s own words',
  groups: 'Groups: discovery, joining, requests, invites, members and roles',
  chat: 'Rooms, messages, reactions, read markers and direct conversations',
  blocks: 'People you have blocked: no direct conversation between you, either way',
  notifications: 'Mentions, replies, join decisions and other notices',
  // For the libs still to come (a tag used by no operation is not emitted).
  moderation: 'Reports, moderation cases and actions, restrictions and appeals, automod and crisis settings',
  peers: 'Peer workers: applications, training records, profiles and their queue',
  support: '1:1 peer support: requests, matches and sessions',
  recovery: 'Your private recovery plan, goals, indicators, check-ins and what you share',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const CREDENTIAL_FIELDS = ['password', 'refreshToken'];

/** The standard error answers, one component each, all with the ErrorResponse body. */
const ERROR_RESPONSES: Record<number, { name: string; summary: string }> = {
  400: { name: 'BadRequest', summary: 'The request is malformed or a value is not valid; `details` names each bad field' },
  401: { name: 'Unauthorized', summary: 'No valid access token, or wrong credentials' },
  403: { name: 'Forbidden', summary: 'Authenticated, but not allowed to do this here' },
  404: { name: 'NotFound', summary: 'The object does not exist, or is not visible to you' },
  409: { name: 'Conflict', summary: 'The request conflicts with the current state' },
  429: { name: 'TooManyRequests', summary: 'Too many requests; wait the `Retry-After` seconds' },
};

const RETRY_AFTER = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } as const;

/** Builds the complete document and serves it at /docs (Swagger UI) and /docs-json. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: DOCS_JSON_PATH, customSiteTitle: 'Hearth API' });
  return document;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  markRoutes(app);
  const config = new DocumentBuilder()
    .setTitle('Hearth API')
    .setDescription(
      'Peer-support community platform. Errors are `{ statusCode, code, message, details?, requestId }` (`ErrorResponse`). ' +
        'Real-time chat is socket.io on path /socket.io (see README: socket events).',
    )
    .setVersion('0.1.0')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('/', 'This Hearth server')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey, version) => `${GENERATED_ID}${controllerKey}_${methodKey}${version ? `_${version}` : ''}`,
  });
  return completeDocument(document);
}

/**
 * Puts each handler's route facts where Swagger carries them into its operation: the
 * `@Public()` marker (IS_PUBLIC, on the handler or its controller) and `@SkipThrottle()`.
 */
function markRoutes(app: INestApplication): void {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  for (const wrapper of discovery.getControllers()) {
    const { metatype, instance } = wrapper;
    if (!metatype || !instance) continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const targets: Array<Function> = [handler, metatype as Function];
      const facts: RouteFacts = {
        public: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        // @nestjs/throttler's SkipThrottle() key for the default throttler (not exported by the package).
        throttled: reflector.getAllAndOverride<boolean>('THROTTLER:SKIPdefault', targets) !== true,
      };
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name) ?? { value: handler };
      ApiExtension(ROUTE_FACTS, facts)(prototype, name, descriptor);
    }
  }
}

/** Everything after Nest has built the document; pure, so it is unit-tested on small documents. */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...(components.schemas ?? {}), ...errorSchemas() };
  components.responses = { ...(components.responses ?? {}), ...errorResponses() };
  if (document.info.contact && Object.keys(document.info.contact).length === 0) delete document.info.contact;

  const usedTags = new Set<string>();
  const ids = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as PathItemObject)[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const extensions = op as OperationObject & { [ROUTE_FACTS]?: RouteFacts };
      const facts = extensions[ROUTE_FACTS] ?? { public: false, throttled: true };
      delete extensions[ROUTE_FACTS];

      if (!op.operationId || op.operationId.startsWith(GENERATED_ID)) op.operationId = operationIdFor(method, path);
      const clash = ids.get(op.operationId);
      if (clash) throw new Error(`OpenAPI: ${where} and ${clash} would share the operationId "${op.operationId}"; set one in @ApiOperation`);
      ids.set(op.operationId, where);

      op.security = facts.public ? [] : op.security?.length ? op.security : [{ [BEARER]: [] }];
      for (const status of errorStatuses(document, path, method, op, facts)) {
        const key = String(status);
        op.responses[key] ??= { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
      }
      fillResponses(op);
      op.responses = sortedResponses(op.responses);
      for (const tag of op.tags ?? []) usedTags.add(tag);
    }
  }

  const declared = new Map((document.tags ?? []).map((t) => [t.name, t]));
  for (const name of [...usedTags].sort()) {
    if (!declared.has(name)) declared.set(name, { name, ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}) });
  }
  document.tags = [...declared.values()];
  return document;
}

/** `GET /api/groups/{groupId}/join-requests` → `getGroupsByGroupIdJoinRequests`. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? `By${pascal(param[1])}` : pascal(segment);
    });
  return `${method.toLowerCase()}${words.join('') || 'Root'}`;
}

function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function errorStatuses(document: OpenAPIObject, path: string, method: string, op: OperationObject, facts: RouteFacts): number[] {
  const params = (op.parameters ?? []).filter((p): p is ParameterObject => !('$ref' in p));
  const hasPathParams = params.some((p) => p.in === 'path');
  const body = requestSchema(document, op);
  const bodyFields = Object.entries(body?.properties ?? {}).map(([name, s]) => [name, resolveSchema(document, s)] as const);
  const refersById = bodyFields.some(([, s]) => s?.format === 'uuid' || resolveSchema(document, s?.items)?.format === 'uuid');
  const write = WRITES.has(method);
  const admin = /\/admin(\/|$)/.test(path);
  const creates = '201' in op.responses;
  // Sign-in and refresh check the credential they are given and hand back tokens; sign-up (201) and
  // sign-out (204, says nothing either way) do not refuse one.
  const handsBack = Object.entries(op.responses).some(([status, r]) => /^2/.test(status) && !!r && !('$ref' in r) && !!(r as ResponseObject).content);
  const checksCredential = facts.public && !creates && handsBack && bodyFields.some(([name]) => CREDENTIAL_FIELDS.includes(name));

  const out: number[] = [];
  if (op.requestBody || params.length > 0) out.push(400);
  if (!facts.public || checksCredential) out.push(401);
  if ((!facts.public && (hasPathParams || write || admin)) || checksCredential) out.push(403);
  if (hasPathParams || refersById) out.push(404);
  if (write && (!facts.public || creates)) out.push(409);
  if (facts.throttled) out.push(429);
  return out;
}

function requestSchema(document: OpenAPIObject, op: OperationObject): SchemaObject | undefined {
  const body = op.requestBody as RequestBodyObject | ReferenceObject | undefined;
  if (!body || '$ref' in body) return undefined;
  return resolveSchema(document, body.content?.['application/json']?.schema);
}

function resolveSchema(document: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined, depth = 0): SchemaObject | undefined {
  if (!schema || depth > 5) return undefined;
  if ('$ref' in schema) return resolveSchema(document, document.components?.schemas?.[schema.$ref.split('/').pop()!], depth + 1);
  if (schema.allOf?.length === 1) return resolveSchema(document, schema.allOf[0], depth + 1);
  return schema;
}

/**
 * A 4xx a controller declared with only a description still answers with the error body (and a
 * 429 its Retry-After header); a 2xx declared without a description gets the status's name.
 */
function fillResponses(op: OperationObject): void {
  for (const [status, response] of Object.entries(op.responses)) {
    if (!response || '$ref' in response) continue;
    const r = response as ResponseObject;
    if (/^4\d\d$/.test(status)) {
      r.content ??= { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } };
      if (status === '429') r.headers ??= { 'Retry-After': RETRY_AFTER };
      if (!r.description) r.description = ERROR_RESPONSES[Number(status)]?.summary ?? STATUS_CODES[Number(status)] ?? 'Error';
    } else if (!r.description) {
      r.description = STATUS_CODES[Number(status)] ?? 'Answer';
    }
  }
}

function sortedResponses(responses: OperationObject['responses']): OperationObject['responses'] {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** Which codes each status carries, read from the one exhaustive mapping in @hearth/common. */
function codesByStatus(): Map<number, ErrorCode[]> {
  const by = new Map<number, ErrorCode[]>();
  for (const code of Object.values(ErrorCode)) {
    const status = httpStatusFor(code);
    by.set(status, [...(by.get(status) ?? []), code]);
  }
  return by;
}

function errorSchemas(): Record<string, SchemaObject> {
  return {
    ErrorCode: {
      type: 'string',
      description: 'Stable error code; clients switch on it, never on `message`',
      enum: Object.values(ErrorCode),
    },
    ErrorDetail: {
      type: 'object',
      required: ['message'],
      properties: {
        field: { type: 'string', description: 'The request field at fault (dotted path)' },
        message: { type: 'string' },
      },
      additionalProperties: true,
    },
    ErrorResponse: {
      type: 'object',
      description: 'Every error answer',
      required: ['statusCode', 'code', 'message', 'requestId'],
      properties: {
        statusCode: { type: 'integer', minimum: 400, maximum: 599, example: 404 },
        code: { $ref: '#/components/schemas/ErrorCode' },
        message: { type: 'string', description: 'For people; may change', example: 'Group not found' },
        details: {
          description: 'Each bad field for validation errors; facts such as `until` or `themeId` for some codes',
          oneOf: [{ type: 'array', items: { $ref: '#/components/schemas/ErrorDetail' } }, { type: 'object', additionalProperties: true }],
        },
        requestId: { type: 'string', description: 'Also the X-Request-Id response header and in the server log', example: '3f1c2a9e-4b7d-4e8a-9c1d-2b5e6f7a8b9c' },
      },
    },
  };
}

function errorResponses(): Record<string, ResponseObject> {
  const codes = codesByStatus();
  const out: Record<string, ResponseObject> = {};
  for (const [status, { name, summary }] of Object.entries(ERROR_RESPONSES)) {
    const list = (codes.get(Number(status)) ?? []).map((c) => `\`${c}\``).join(', ');
    out[name] = {
      description: `${summary}. \`code\` is one of ${list}.`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      ...(Number(status) === 429
        ? { headers: { 'Retry-After': RETRY_AFTER } }
        : {}),
    };
  }
  return out;
}
