import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { WorkflowUpdateFailedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Response } from 'express';
import { ConcurrencyConflictError, IdempotencyConflictError } from '../../../../libs/persistence/src/event-store/event-store';

/** A domain-level failure with a stable code and a Vietnamese message for the UI. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string | string[];
  messageVi?: string;
  [more: string]: unknown;
}

/**
 * Maps what the layers below throw to HTTP: domain errors (anything carrying `code`, `httpStatus` and
 * `messageVi`) to 409/422, stale versions to 409 with the current version, rejected workflow updates to 409.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('api');

  catch(err: any, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(err);
    if (body.statusCode >= 500) this.logger.error(err?.stack ?? String(err));
    res.status(body.statusCode).json(body);
  }

  private toBody(err: any): ApiError {
    if (err instanceof HttpException) {
      const r = err.getResponse();
      if (typeof r === 'object') return { statusCode: err.getStatus(), ...(r as object) } as ApiError;
      return { statusCode: err.getStatus(), error: err.name, message: String(r) };
    }
    if (err instanceof ConcurrencyConflictError) {
      return { statusCode: 409, error: err.code, message: err.message, messageVi: 'Dữ liệu đã được người khác thay đổi; hãy tải lại.', currentVersion: err.actual };
    }
    if (err instanceof IdempotencyConflictError) {
      return { statusCode: 409, error: err.code, message: err.message, messageVi: 'Khóa chống trùng (Idempotency-Key) đã được dùng cho yêu cầu khác.' };
    }
    if (err instanceof WorkflowUpdateFailedError) {
      const cause: any = err.cause;
      return { statusCode: 409, error: cause?.type ?? 'WORKFLOW_REJECTED', message: cause?.message ?? err.message, messageVi: 'Thao tác không phù hợp với giai đoạn hiện tại của kỳ báo cáo.' };
    }
    if (err instanceof WorkflowNotFoundError) {
      return { statusCode: 404, error: 'CYCLE_WORKFLOW_NOT_FOUND', message: err.message, messageVi: 'Không tìm thấy tiến trình của kỳ báo cáo.' };
    }
    if (err && typeof err.code === 'string' && typeof err.httpStatus === 'number' && typeof err.messageVi === 'string') {
      return { statusCode: err.httpStatus, error: err.code, message: err.message, messageVi: err.messageVi, ...(err.details ? { details: err.details } : {}) };
    }
    if (err?.type === 'entity.too.large') {
      return { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: `request body larger than ${err.limit} bytes`, messageVi: 'Dữ liệu gửi lên quá lớn.' };
    }
    if (err?.type === 'entity.parse.failed') {
      return { statusCode: 400, error: 'MALFORMED_JSON', message: 'request body is not valid JSON', messageVi: 'Dữ liệu gửi lên không phải JSON hợp lệ.' };
    }
    return { statusCode: 500, error: 'INTERNAL', message: 'internal error', messageVi: 'Lỗi hệ thống.' };
  }
}
