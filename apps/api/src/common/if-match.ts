import { BadRequestException } from '@nestjs/common';

/** `If-Match: "3"` → 3. Absent → undefined. Anything else → 400 naming the header. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'INVALID_IF_MATCH',
      message: 'If-Match must be an ETag such as "3"',
      messageVi: 'Tiêu đề If-Match không hợp lệ.',
    });
  }
  return Number(m[1]);
}
