import type { HttpResult } from './api-stack';

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

/** An error answer: exact status, stable code and message; a Vietnamese message (NFC) for the UI. */
export function expectError(res: HttpResult, status: number, error: string, message: string | RegExp, messageVi?: string): void {
  expect({ status: res.status, statusCode: res.body?.statusCode, error: res.body?.error, message: res.body?.message }).toEqual({
    status,
    statusCode: status,
    error,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  });
  expect(res.body.error).toMatch(UPPER_SNAKE);
  if (messageVi !== undefined) expect(res.body.messageVi).toBe(messageVi);
  else expect(res.body.messageVi).toMatch(VIETNAMESE);
  expect(res.body.messageVi).toBe(res.body.messageVi.normalize('NFC'));
}

/**
 * 400 VALIDATION_FAILED naming exactly `fields` and containing `messages`; `messageVi` exact when given, else one of
 * the three forms (a body, a query parameter, a path id).
 */
export function expectInvalid(res: HttpResult, fields: string[], messages: string[] = [], messageVi?: string): void {
  expect({ status: res.status, error: res.body?.error }).toEqual({ status: 400, error: 'VALIDATION_FAILED' });
  expect((res.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual([...fields].sort());
  expect(res.body.message).toEqual(expect.arrayContaining(messages));
  if (messageVi !== undefined) expect(res.body.messageVi).toBe(messageVi);
  else expect(res.body.messageVi).toMatch(/^(Dữ liệu gửi lên không hợp lệ: |Tham số |Mã .* không hợp lệ\.$)/);
}
