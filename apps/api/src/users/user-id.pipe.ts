import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** `:id` of /users/{id} must be a UUID; otherwise the usual 400 naming the parameter. */
export const userIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({
    statusCode: 400,
    error: 'VALIDATION_FAILED',
    message: ['id must be a UUID'],
    messageVi: 'Mã tài khoản không hợp lệ.',
    fields: [{ field: 'id', messages: ['id must be a UUID'] }],
  }),
});
