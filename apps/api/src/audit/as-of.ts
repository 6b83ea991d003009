import { BadRequestException } from '@nestjs/common';

/** `?asOf=2026-12-10T08:00:00+07:00` → Date; absent → undefined; anything else → 400 naming the parameter. */
export function parseAsOf(asOf: string | undefined): Date | undefined {
  if (asOf === undefined || asOf === '') return undefined;
  const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(asOf) ? Date.parse(asOf) : NaN;
  if (Number.isNaN(t)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: ['asOf must be an ISO 8601 instant with a time zone'],
      messageVi: 'Thời điểm (asOf) không hợp lệ.',
      fields: [{ field: 'asOf', messages: ['asOf must be an ISO 8601 instant with a time zone'] }],
    });
  }
  return new Date(t);
}
