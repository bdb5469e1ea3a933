import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { completeDocument, operationIdFor } from './openapi';

const facts = (isPublic: boolean, throttled = true) => ({ 'x-hearth-route': { public: isPublic, throttled } });
const op = (extra: Partial<OperationObject> & Record<string, unknown>): OperationObject => ({
  operationId: 'nest-generated:SomeController_method',
  responses: { '200': { description: '' } },
  ...extra,
});

function doc(paths: OpenAPIObject['paths'], schemas: Record<string, object> = {}): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1', contact: {} },
    paths,
    components: { schemas },
  } as OpenAPIObject;
}

const statuses = (o: OperationObject) => Object.keys(o.responses);

describe('operationIdFor', () => {
  it('derives a camel-case id from the method and the path, without the /api prefix', () => {
    expect(operationIdFor('get', '/api/me')).toBe('getMe');
    expect(operationIdFor('post', '/api/groups/{groupId}/join-requests/{requestId}/approve')).toBe('postGroupsByGroupIdJoinRequestsByRequestIdApprove');
    expect(operationIdFor('delete', '/api/messages/{messageId}/reactions/{emoji}')).toBe('deleteMessagesByMessageIdReactionsByEmoji');
    expect(operationIdFor('get', '/api')).toBe('getRoot');
  });
});

describe('completeDocument', () => {
  it('marks public routes with security: [] and gives the others the bearer scheme', () => {
    const d = completeDocument(
      doc({
        '/api/auth/login': { post: op({ ...facts(true), requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginDto' } } } } }) },
        '/api/things': { get: op({ ...facts(false) }) },
      }, { LoginDto: { type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } } } }),
    );
    expect(d.paths['/api/auth/login'].post!.security).toEqual([]);
    expect(d.paths['/api/things'].get!.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(d)).not.toContain('x-hearth-route');
  });

  it('documents 4xx answers by rule: validation, authentication, access, existence, conflicts, throttling', () => {
    const d = completeDocument(
      doc({
        '/api/things': { get: op({ ...facts(false) }), post: op({ ...facts(false), requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateThingDto' } } } }, responses: { '201': { description: '' } } }) },
        '/api/things/{thingId}': { get: op({ ...facts(false), parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }] }) },
        '/api/admin/things': { get: op({ ...facts(false) }) },
        '/api/auth/register': { post: op({ ...facts(true), requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/RegisterDto' } } } }, responses: { '201': { description: '' } } }) },
        '/api/auth/refresh': { post: op({ ...facts(true), requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/RefreshDto' } } } }, responses: { '200': { description: '', content: { 'application/json': { schema: { type: 'object' } } } } } }) },
        '/api/auth/logout': { post: op({ ...facts(true), requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/RefreshDto' } } } }, responses: { '204': { description: '' } } }) },
        '/api/health': { get: op({ ...facts(true, false) }) },
      }, {
        CreateThingDto: { type: 'object', properties: { name: { type: 'string' }, tagIds: { type: 'array', items: { type: 'string', format: 'uuid' } } } },
        RegisterDto: { type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } } },
        RefreshDto: { type: 'object', properties: { refreshToken: { type: 'string' } } },
      }),
    );
    expect(statuses(d.paths['/api/things'].get!)).toEqual(['200', '401', '429']);
    expect(statuses(d.paths['/api/things'].post!)).toEqual(['201', '400', '401', '403', '404', '409', '429']);
    expect(statuses(d.paths['/api/things/{thingId}'].get!)).toEqual(['200', '400', '401', '403', '404', '429']);
    expect(statuses(d.paths['/api/admin/things'].get!)).toEqual(['200', '401', '403', '429']);
    expect(statuses(d.paths['/api/auth/register'].post!)).toEqual(['201', '400', '409', '429']);
    expect(statuses(d.paths['/api/auth/refresh'].post!)).toEqual(['200', '400', '401', '403', '429']);
    expect(statuses(d.paths['/api/auth/logout'].post!)).toEqual(['204', '400', '429']);
    expect(statuses(d.paths['/api/health'].get!)).toEqual(['200']);
    expect(d.paths['/api/things'].get!.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(d.components!.responses!.NotFound).toEqual(
      expect.objectContaining({ description: expect.stringContaining('`NOT_FOUND`'), content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } }),
    );
    expect(d.components!.responses!.TooManyRequests).toEqual(expect.objectContaining({ headers: { 'Retry-After': expect.any(Object) } }));
  });

  it('keeps a response a controller declared, filling in its error body', () => {
    const d = completeDocument(doc({ '/api/themes': { post: op({ ...facts(false), responses: { '201': { description: '' }, '409': { description: 'THEME_EXISTS' } } }) } }));
    expect(d.paths['/api/themes'].post!.responses['409']).toEqual({
      description: 'THEME_EXISTS',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    });
    expect(d.paths['/api/themes'].post!.responses['201']).toEqual({ description: 'Created' });
  });

  it('replaces generated operationIds, keeps explicit ones, and refuses duplicates', () => {
    const d = completeDocument(doc({ '/api/a': { get: op({ ...facts(false) }), post: op({ ...facts(false), operationId: 'makeA' }) } }));
    expect(d.paths['/api/a'].get!.operationId).toBe('getA');
    expect(d.paths['/api/a'].post!.operationId).toBe('makeA');
    expect(() => completeDocument(doc({ '/api/a': { get: op({ ...facts(false) }) }, '/api/b': { get: op({ ...facts(false), operationId: 'getA' }) } }))).toThrow(/share the operationId "getA"/);
  });

  it('declares every tag an operation uses, with a description where one is known, and drops an empty contact', () => {
    const d = completeDocument(doc({ '/api/groups': { get: op({ ...facts(false), tags: ['groups'] }) }, '/api/new': { get: op({ ...facts(false), tags: ['new'] }) } }));
    expect(d.tags).toEqual([{ name: 'groups', description: expect.any(String) }, { name: 'new' }]);
    expect(d.info.contact).toBeUndefined();
  });
});
