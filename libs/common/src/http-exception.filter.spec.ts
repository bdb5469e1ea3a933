import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError, ErrorCode } from './errors';
import { HttpExceptionFilter } from './http-exception.filter';

function hostFor(reqId = 'req-12345678') {
  const res = {
    statusCode: 0,
    body: undefined as unknown,
    headers: {} as Record<string, string>,
    headersSent: false,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(b: unknown) {
      this.body = b;
      return this;
    },
    setHeader(k: string, v: string) {
      this.headers[k] = v;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ id: reqId }), getResponse: () => res }),
  } as unknown as ArgumentsHost;
  return { host, res };
}

describe('HttpExceptionFilter', () => {
  const filter = new HttpExceptionFilter();

  it('maps a domain error to its status and stable code', () => {
    const { host, res } = hostFor();
    filter.catch(new AppError(ErrorCode.GROUP_FULL, 'This group is full'), host);
    expect(res.statusCode).toBe(409);
    expect(res.body).toEqual({ statusCode: 409, code: 'GROUP_FULL', message: 'This group is full', requestId: 'req-12345678' });
  });

  it('sets Retry-After for RATE_LIMITED', () => {
    const { host, res } = hostFor();
    filter.catch(new AppError(ErrorCode.RATE_LIMITED, 'slow down', undefined, 2.2), host);
    expect(res.headers['Retry-After']).toBe('3');
  });

  it('answers an unexpected error with a bare 500 and logs it with the same request id, never leaking SQL or stacks', () => {
    const logged: unknown[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void logged.push(args[0]));
    const { host, res } = hostFor('req-abcdefgh');
    filter.catch(new QueryFailedError('SELECT secret FROM users', [], new Error('relation "x" does not exist')), host);
    spy.mockRestore();
    expect(res.statusCode).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal server error', requestId: 'req-abcdefgh' });
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|relation/);
    expect(logged).toEqual([expect.objectContaining({ requestId: 'req-abcdefgh' })]);
  });

  it('keeps framework 4xx errors as client errors', () => {
    const { host, res } = hostFor();
    filter.catch(new BadRequestException('Validation failed (uuid is expected)'), host);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', message: 'Validation failed (uuid is expected)' });
  });

  it('treats database refusals of malformed input as 400, not 500', () => {
    const { host, res } = hostFor();
    const err = new QueryFailedError('x', [], Object.assign(new Error('invalid input syntax'), { code: '22P02' }));
    filter.catch(err, host);
    expect(res.statusCode).toBe(400);
  });
});
