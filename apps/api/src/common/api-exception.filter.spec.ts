import type { ArgumentsHost } from '@nestjs/common';
import { ReadModelBehindError } from '@kybaocao/persistence/projections/projector';
import { ApiExceptionFilter } from './api-exception.filter';

/** What the filter writes for one error: status, headers and body. */
function answer(err: unknown) {
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
  new ApiExceptionFilter().catch(err, host);
  return sent;
}

describe('ApiExceptionFilter', () => {
  it('read models behind their deadline: 503 READ_MODEL_BEHIND with Retry-After and a Vietnamese message', () => {
    const sent = answer(new ReadModelBehindError(['cycle-board'], '42', 5000));
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('2');
    expect(sent.body).toEqual({
      statusCode: 503,
      error: 'READ_MODEL_BEHIND',
      message: 'read models cycle-board did not reach position 42 within 5000 ms',
      messageVi: 'Dữ liệu tổng hợp đang được cập nhật; vui lòng thử lại sau giây lát.',
    });
  });

  it('an unexpected error: 500 without a Retry-After or internals', () => {
    const sent = answer(new Error('connection terminated: password authentication failed for user "kybaocao"'));
    expect(sent.status).toBe(500);
    expect(sent.headers['retry-after']).toBeUndefined();
    expect(sent.body).toEqual({ statusCode: 500, error: 'INTERNAL', message: 'internal error', messageVi: 'Lỗi hệ thống.' });
  });
});
