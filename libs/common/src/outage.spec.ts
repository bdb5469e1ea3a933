import { ServiceUnavailableException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { mapError } from './error-mapper';
import { isDatabaseUnavailable } from './outage';

describe('database outages are named, not hidden', () => {
  it('recognises an unreachable or restarting database, wrapped or not', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    const adminShutdown = new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    expect(isDatabaseUnavailable(adminShutdown)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
  });

  it('does not mistake a bad query or a client mistake for an outage', () => {
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT', [], Object.assign(new Error('syntax error'), { code: '42601' })))).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT', [], Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' })))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });

  it('maps an outage to SERVICE_UNAVAILABLE with a retry hint, not to INTERNAL', () => {
    const m = mapError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(m).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', internal: false, outage: true, retryAfterSeconds: expect.any(Number) });
  });

  it('answers health’s 503 as a normal answer (not logged as an unhandled error), keeping what is down', () => {
    const m = mapError(new ServiceUnavailableException({ status: 'error', details: { database: { status: 'down' } } }));
    expect(m).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', internal: false, details: { database: { status: 'down' } } });
  });
});
