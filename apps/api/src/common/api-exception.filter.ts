import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { Response } from 'express';
import {
  ConcurrencyConflictError,
  IdempotencyConflictError,
  IdempotencyKeyMismatchError,
} from '@kybaocao/persistence/event-store/event-store';
import { retryAfterOf, unavailableBody, unavailableDependency } from './unavailable';

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
const GENERIC: Record<number, { code: string; vi: string }> = {
  400: { code: 'BAD_REQUEST', vi: 'Yêu cầu không hợp lệ.' },
  401: { code: 'AUTHENTICATION_REQUIRED', vi: 'Cần đăng nhập.' },
  403: { code: 'FORBIDDEN', vi: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'NOT_FOUND', vi: 'Không tìm thấy.' },
  405: { code: 'METHOD_NOT_ALLOWED', vi: 'Phương thức không được hỗ trợ.' },
  413: { code: 'PAYLOAD_TOO_LARGE', vi: 'Dữ liệu gửi lên quá lớn.' },
};

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('api');

  catch(err: any, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(err);
    // Every temporary refusal (a dependency down, read models behind, the workflow busy) says when to come back.
    if (body.statusCode === 503) {
      res.setHeader('Retry-After', String(retryAfterOf(err)));
      this.logger.warn(`503 ${body.error}: ${err?.message ?? err}`);
    }
    if (body.statusCode >= 500 && body.statusCode !== 503) this.logger.error(err?.stack ?? String(err));
    res.status(body.statusCode).json(body);
  }

  private toBody(err: any): ApiError {
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const r = err.getResponse();
      const body = (
        typeof r === 'object' ? { statusCode: status, ...(r as object) } : { statusCode: status, message: String(r) }
      ) as ApiError;
      // Nest's own errors (unknown route, …) carry no stable code nor Vietnamese message: give them ours.
      if (typeof body.error !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.error)) {
        body.error = GENERIC[status]?.code ?? `HTTP_${status}`;
        body.messageVi ??= GENERIC[status]?.vi ?? 'Yêu cầu không hợp lệ.';
      }
      return body;
    }
    if (err instanceof ConcurrencyConflictError) {
      return {
        statusCode: 409,
        error: err.code,
        message: err.message,
        messageVi: 'Dữ liệu đã được người khác thay đổi; hãy tải lại.',
        currentVersion: err.actual,
      };
    }
    if (err instanceof IdempotencyConflictError) {
      return {
        statusCode: 409,
        error: err.code,
        message: err.message,
        messageVi: 'Khóa chống trùng (Idempotency-Key) đã được dùng cho yêu cầu khác.',
      };
    }
    if (err instanceof IdempotencyKeyMismatchError) {
      return {
        statusCode: 422,
        error: err.code,
        message: err.message,
        messageVi: 'Khóa chống trùng (Idempotency-Key) đã được dùng cho một yêu cầu có nội dung khác.',
      };
    }
    if (err instanceof WorkflowUpdateFailedError) {
      const cause: any = err.cause;
      const detail = Array.isArray(cause?.details) ? cause.details[0] : undefined;
      return {
        statusCode: detail?.httpStatus === 422 ? 422 : 409,
        error: cause?.type ?? 'WORKFLOW_REJECTED',
        message: cause?.message ?? err.message,
        messageVi: detail?.messageVi ?? 'Thao tác không phù hợp với giai đoạn hiện tại của kỳ báo cáo.',
        ...(detail?.details ? { details: detail.details } : {}),
      };
    }
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      // The workflow did not answer in time (worker down or overloaded): nothing is known to have changed; retry.
      return {
        statusCode: 503,
        error: 'CYCLE_WORKFLOW_BUSY',
        message: err.message,
        messageVi: 'Tiến trình của kỳ báo cáo chưa phản hồi; vui lòng thử lại sau ít phút.',
      };
    }
    const down = unavailableDependency(err);
    if (down) return unavailableBody(down);
    if (err instanceof WorkflowNotFoundError) {
      return {
        statusCode: 404,
        error: 'CYCLE_WORKFLOW_NOT_FOUND',
        message: err.message,
        messageVi: 'Không tìm thấy tiến trình của kỳ báo cáo.',
      };
    }
    if (err && typeof err.code === 'string' && typeof err.httpStatus === 'number' && typeof err.messageVi === 'string') {
      return {
        statusCode: err.httpStatus,
        error: err.code,
        message: err.message,
        messageVi: err.messageVi,
        ...(err.details ? { details: err.details } : {}),
      };
    }
    return { statusCode: 500, error: 'INTERNAL', message: 'internal error', messageVi: 'Lỗi hệ thống.' };
  }
}
