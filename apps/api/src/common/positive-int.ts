import { BadRequestException } from '@nestjs/common';

/** A path or query parameter that must be a positive integer: undefined when absent, else 400 naming it. */
export function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9]\d{0,5}$/.test(value)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: [`${name} must be a positive integer`],
      messageVi: `Tham số ${name} phải là số nguyên dương.`,
      fields: [{ field: name, messages: [`${name} must be a positive integer`] }],
    });
  }
  return Number(value);
}
