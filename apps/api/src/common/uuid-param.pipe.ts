import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** A path parameter that must be a UUID; otherwise the usual 400 VALIDATION_FAILED naming the parameter. */
export function uuidParamPipe(name: string, messageVi: string): ParseUUIDPipe {
  const message = `${name} must be a UUID`;
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException({
        statusCode: 400,
        error: 'VALIDATION_FAILED',
        message: [message],
        messageVi,
        fields: [{ field: name, messages: [message] }],
      }),
  });
}
