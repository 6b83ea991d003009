import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from './api-exception.filter';

/**
 * Input that no route can mean, refused at the HTTP edge with a 4xx naming the field before it reaches the
 * guards (login runs its query before any pipe), the validation pipe (whose prototype-key stripping recurses
 * per level and overflows the stack around depth 2,000) or PostgreSQL (which refuses NUL in text and jsonb
 * and would answer 500):
 * - a NUL character or a lone UTF-16 surrogate in any string or object key of a body, a query or a path parameter;
 * - a body nested deeper than MAX_DEPTH;
 * - a number that JSON.parse made infinite (`1e309`), which jsonb would store as null;
 * - invalid UTF-8 bytes (decoded to U+FFFD otherwise), a charset other than UTF-8 (RFC 8259 §8.1),
 *   an unsupported Content-Encoding, a compressed body that does not decompress.
 */

/** Deep enough for every DTO (a report section's paragraphs' runs' provenance is ~12 levels), far below any stack limit. */
export const MAX_DEPTH = 32;

type Problem = { field: string; message: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(s: string, field: string): Problem | null {
  if (s.includes('\u0000')) return { field, message: `${field} must not contain a NUL character` };
  if (LONE_SURROGATE.test(s)) return { field, message: `${field} must be well-formed Unicode (it contains a lone surrogate)` };
  return null;
}

const join = (prefix: string, key: string | number) => (typeof key === 'number' ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key);

/**
 * The first hostile value in `value`, walked iteratively (no recursion: the depth is what is being checked).
 * `prefix` names the root ('' for a body, whose fields are then named as the validation pipe names them).
 */
export function findHostileValue(value: unknown, prefix = '', maxDepth = MAX_DEPTH): Problem | null {
  const stack: { v: unknown; field: string; depth: number }[] = [{ v: value, field: prefix, depth: 0 }];
  while (stack.length) {
    const { v, field, depth } = stack.pop()!;
    const name = field || 'body';
    if (typeof v === 'string') {
      const p = stringProblem(v, name);
      if (p) return p;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { field: name, message: `${name} must be a finite number` };
    } else if (v !== null && typeof v === 'object') {
      if (depth >= maxDepth) return { field: name, message: `${name} is nested deeper than ${maxDepth} levels` };
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], field: join(field, i), depth: depth + 1 });
      } else {
        const entries = Object.entries(v);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [k, child] = entries[i];
          const keyProblem = stringProblem(k, '');
          if (keyProblem) {
            const shown = join(field, k.replace(/[\u0000\uD800-\uDFFF]/g, '?'));
            return { field: shown, message: `the name of ${shown}${keyProblem.message}` };
          }
          stack.push({ v: child, field: join(field, k), depth: depth + 1 });
        }
      }
    }
  }
  return null;
}

export function invalidField(p: Problem, where: 'body' | 'query' | 'param'): BadRequestException {
  const messageVi = where === 'body' ? `Dữ liệu gửi lên không hợp lệ: ${p.field}` : `Tham số ${p.field} không hợp lệ.`;
  return new BadRequestException({
    statusCode: 400,
    error: 'VALIDATION_FAILED',
    message: [p.message],
    messageVi,
    fields: [{ field: p.field, messages: [p.message] }],
  });
}

/** Express middleware after the body parser: body and query (path parameters: HostileParamPipe, once routed). */
export function rejectHostileInput(req: Request, res: Response, next: NextFunction): void {
  const query = findHostileValue(req.query, '', 4);
  if (query) return void sendError(res, invalidField(query, 'query').getResponse() as ApiError);
  // A file body (an import: CSV or XLSX bytes) is checked by its own reader, not walked byte by byte.
  if (req.body !== undefined && !Buffer.isBuffer(req.body)) {
    const body = findHostileValue(req.body);
    if (body) return void sendError(res, invalidField(body, 'body').getResponse() as ApiError);
  }
  next();
}

function sendError(res: Response, body: ApiError): void {
  res.status(body.statusCode).json(body);
}

/** RFC 8259: JSON exchanged between systems is UTF-8. Other charsets are refused before the body is read. */
export function requireUtf8Charset(req: Request, res: Response, next: NextFunction): void {
  const type = String(req.headers['content-type'] ?? '');
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return sendError(res, {
      statusCode: 415,
      error: 'UNSUPPORTED_CHARSET',
      message: `charset "${charset}" is not supported: send UTF-8`,
      messageVi: 'Bảng mã của dữ liệu gửi lên không được hỗ trợ; hãy gửi UTF-8.',
    });
  }
  next();
}

/** body-parser `verify`: a body whose bytes are not UTF-8 is refused, not decoded into U+FFFD. */
export function verifyUtf8(_req: Request, _res: Response, buf: Buffer): void {
  if (!isUtf8(buf)) throw Object.assign(new Error('request body is not valid UTF-8'), { type: 'entity.utf8.invalid' });
}

/** Error middleware for what the body parser refuses (these never reach Nest's exception filters). */
export function bodyParserErrors(err: any, _req: Request, res: Response, next: NextFunction): void {
  switch (err?.type) {
    case 'entity.parse.failed':
      return sendError(res, {
        statusCode: 400,
        error: 'MALFORMED_JSON',
        message: 'request body is not valid JSON',
        messageVi: 'Dữ liệu gửi lên không phải JSON hợp lệ.',
      });
    case 'entity.too.large':
      return sendError(res, {
        statusCode: 413,
        error: 'PAYLOAD_TOO_LARGE',
        message: `request body larger than ${err.limit} bytes`,
        messageVi: 'Dữ liệu gửi lên quá lớn.',
      });
    case 'entity.utf8.invalid':
      return sendError(res, {
        statusCode: 400,
        error: 'INVALID_UTF8',
        message: 'request body is not valid UTF-8',
        messageVi: 'Dữ liệu gửi lên có ký tự không hợp lệ (không phải UTF-8).',
      });
    case 'charset.unsupported':
      return sendError(res, {
        statusCode: 415,
        error: 'UNSUPPORTED_CHARSET',
        message: `charset "${err.charset}" is not supported: send UTF-8`,
        messageVi: 'Bảng mã của dữ liệu gửi lên không được hỗ trợ; hãy gửi UTF-8.',
      });
    case 'encoding.unsupported':
      return sendError(res, {
        statusCode: 415,
        error: 'UNSUPPORTED_CONTENT_ENCODING',
        message: `Content-Encoding "${err.encoding}" is not supported (gzip, deflate, br or identity)`,
        messageVi: 'Kiểu nén của dữ liệu gửi lên không được hỗ trợ.',
      });
  }
  // Any other 4xx of the parser: a compressed body that does not decompress, a length that does not match, an aborted request.
  const status = Number(err?.status ?? err?.statusCode);
  if (status >= 400 && status < 500) {
    return sendError(res, {
      statusCode: 400,
      error: 'MALFORMED_BODY',
      message: 'request body could not be read (it does not match its Content-Encoding or Content-Length)',
      messageVi: 'Không đọc được dữ liệu gửi lên.',
    });
  }
  next(err);
}

/**
 * Global pipe, before the validation pipe: path parameters free of NUL and lone surrogates, and a query parameter
 * the route reads as one value given once (`?streamId=a&streamId=b` is ambiguous: refused, not half-read).
 */
@Injectable()
export class HostileParamPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'param') {
      const p = findHostileValue(value, meta.data ?? 'path');
      if (p) throw invalidField(p, 'param');
    }
    if (meta.type === 'query') {
      if (meta.data) {
        if (Array.isArray(value) && meta.metatype !== Array) throw repeated(meta.data);
      } else if (value && typeof value === 'object' && meta.metatype?.prototype) {
        for (const [key, v] of Object.entries(value)) {
          if (Array.isArray(v) && Reflect.getMetadata('design:type', meta.metatype.prototype, key) !== Array) throw repeated(key);
        }
      }
    }
    return value;
  }
}

function repeated(name: string): BadRequestException {
  const message = `${name} must be given once`;
  return new BadRequestException({
    statusCode: 400,
    error: 'VALIDATION_FAILED',
    message: [message],
    messageVi: `Tham số ${name} chỉ được ghi một lần.`,
    fields: [{ field: name, messages: [message] }],
  });
}
