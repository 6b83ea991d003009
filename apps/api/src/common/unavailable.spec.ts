import { ServiceError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import type { ArgumentsHost } from '@nestjs/common';
import { ApiExceptionFilter } from './api-exception.filter';
import { retryAfterOf, unavailableBody, unavailableDependency } from './unavailable';

const grpc = (code: number) => Object.assign(new Error(`${code} grpc`), { code, details: 'x', metadata: {} });

describe('unavailableDependency: which dependency a failure says is down', () => {
  it.each([
    ['pg: connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'database'],
    ['pg: server closed the connection', new Error('Connection terminated unexpectedly'), 'database'],
    [
      'pg: admin shutdown inside a TypeORM QueryFailedError',
      new QueryFailedError(
        'SELECT 1',
        [],
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
      'database',
    ],
    ['pg: the server starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' }), 'database'],
    [
      'pg: both addresses refused (AggregateError)',
      new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })], ''),
      'database',
    ],
    ['temporal: UNAVAILABLE', new ServiceError('Failed to query workflow', { cause: grpc(14) }), 'temporal'],
    ['temporal: DEADLINE_EXCEEDED', new ServiceError('Failed to start workflow', { cause: grpc(4) }), 'temporal'],
  ])('%s', (_what, err, expected) => {
    expect(unavailableDependency(err)).toBe(expected);
  });

  it.each([
    ['a programming error', new TypeError('x is not a function')],
    ['a constraint violation', new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }))],
    ['temporal: NOT_FOUND', new ServiceError('workflow not found', { cause: grpc(5) })],
    ['not an error', 'ECONNREFUSED'],
    ['a refused password (the server is up)', new Error('connection terminated: password authentication failed for user "kybaocao"')],
  ])('%s is not an outage', (_what, err) => {
    expect(unavailableDependency(err)).toBeNull();
  });

  it('answers 503 with a stable code and a Vietnamese message, and a Retry-After', () => {
    expect(unavailableBody('database')).toMatchObject({ statusCode: 503, error: 'DATABASE_UNAVAILABLE' });
    expect(unavailableBody('temporal')).toMatchObject({ statusCode: 503, error: 'WORKFLOW_SERVICE_UNAVAILABLE' });
    expect(retryAfterOf(new Error('x'))).toBe(5);
    expect(retryAfterOf(Object.assign(new Error('x'), { retryAfterSeconds: 2 }))).toBe(2);
  });
});

describe('ApiExceptionFilter with a dependency down', () => {
  it('PostgreSQL refusing connections: 503 DATABASE_UNAVAILABLE with Retry-After, not 500', () => {
    const sent: { status?: number; headers: Record<string, string>; body?: any } = { headers: {} };
    const res = {
      status(code: number) {
        sent.status = code;
        return res;
      },
      setHeader(name: string, value: string) {
        sent.headers[name.toLowerCase()] = value;
      },
      json(body: unknown) {
        sent.body = body;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    new ApiExceptionFilter().catch(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), host);
    expect([sent.status, sent.headers['retry-after'], sent.body.error]).toEqual([503, '5', 'DATABASE_UNAVAILABLE']);
    expect(JSON.stringify(sent.body)).not.toContain('127.0.0.1');
  });
});
