import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** `:notificationId` must be a UUID; otherwise the usual 400 naming the parameter. */
export const notificationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({
    statusCode: 400,
    error: 'VALIDATION_FAILED',
    message: ['notificationId must be a UUID'],
    messageVi: 'Mã thông báo không hợp lệ.',
    fields: [{ field: 'notificationId', messages: ['notificationId must be a UUID'] }],
  }),
});
