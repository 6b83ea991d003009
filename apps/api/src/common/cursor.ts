import { BadRequestException } from '@nestjs/common';

/** An opaque keyset cursor: the last row's sort key as base64url JSON. */
export const encodeCursor = (key: object): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The key a cursor carries, checked by `valid`; a cursor that is not one of ours is a 400 naming it. */
export function decodeCursor<T>(cursor: string | undefined, valid: (key: any) => key is T): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!valid(key)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: ['cursor must be the nextCursor of a previous page'],
      messageVi: 'Tham số phân trang không hợp lệ; hãy tải lại danh sách.',
      fields: [{ field: 'cursor', messages: ['cursor must be the nextCursor of a previous page'] }],
    });
  }
  return key;
}
