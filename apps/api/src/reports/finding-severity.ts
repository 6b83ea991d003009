import { BadRequestException } from '@nestjs/common';
import { FINDING_SEVERITIES, type FindingSeverity } from './report-findings';

/** The `severity` query parameter: absent, 'error' or 'warning'; anything else is a 400 naming it. */
export function findingSeverity(value: string | undefined): FindingSeverity | undefined {
  if (value === undefined || value === '') return undefined;
  if ((FINDING_SEVERITIES as readonly string[]).includes(value)) return value as FindingSeverity;
  throw new BadRequestException({
    statusCode: 400,
    error: 'VALIDATION_FAILED',
    message: ['severity must be one of: error, warning'],
    messageVi: 'Tham số severity chỉ nhận "error" (lỗi) hoặc "warning" (cảnh báo).',
    fields: [{ field: 'severity', messages: ['severity must be one of: error, warning'] }],
  });
}
