import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** `:cycleId` must be a UUID; otherwise the same 400 shape as every validation error, naming the parameter. */
export const cycleIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({
    statusCode: 400,
    error: 'VALIDATION_FAILED',
    message: ['cycleId must be a UUID'],
    messageVi: 'Mã kỳ báo cáo không hợp lệ.',
    fields: [{ field: 'cycleId', messages: ['cycleId must be a UUID'] }],
  }),
});
