import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/schema';

/** The API's schemas, generated from its OpenAPI document (npm run web:client). */
export type Schemas = components['schemas'];

/** An answer of the API with an error body `{ statusCode, error, message, messageVi }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly body: unknown,
    /** The answer's Retry-After, in seconds (503 SERVER_BUSY, 429), when it gave one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${status} ${code}`);
  }
}

/**
 * The API refused a change before doing anything (503 SERVER_BUSY: too many changes in progress, or too many password
 * checks at login): sending it again is safe.
 */
export const isBusy = (err: unknown): err is ApiError => err instanceof ApiError && err.status === 503 && err.code === 'SERVER_BUSY';

/** The request never reached the API (offline, server down). */
export class NetworkError extends Error {
  readonly messageVi = 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi bấm "Thử lại".';
}

const GENERIC_VI: Record<number, string> = {
  400: 'Dữ liệu gửi lên chưa hợp lệ.',
  401: 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy nội dung yêu cầu.',
  409: 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại.',
  429: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
  503: 'Hệ thống đang bận. Vui lòng thử lại sau ít giây.',
};

/** The Vietnamese sentence to show for any failure: the API's messageVi, else a generic one; never `message`/`error`. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.messageVi;
  if (err instanceof NetworkError) return err.messageVi;
  return 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}

let onUnauthorized: (() => void) | undefined;
/** What a 401 on any call (other than the login itself) does: the app goes to the login page. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const sessionMiddleware: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/login')) onUnauthorized?.();
    return undefined;
  },
};

export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  credentials: 'same-origin',
});
api.use(sessionMiddleware);

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an openapi-fetch call: its data, or an ApiError (with the API's messageVi) / NetworkError. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new NetworkError(String((err as Error)?.message ?? err));
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const body = (error ?? {}) as { error?: unknown; messageVi?: unknown };
    const messageVi =
      typeof body.messageVi === 'string' && body.messageVi
        ? body.messageVi
        : (GENERIC_VI[response.status] ?? 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau.');
    const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
    throw new ApiError(
      response.status,
      typeof body.error === 'string' ? body.error : 'HTTP_ERROR',
      messageVi,
      error,
      Number.isInteger(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    );
  }
  return data as T;
}

/** The ETag of an answer as the stream version it carries (W/"12" or "12"). */
export function etagVersion(response: Response): number | undefined {
  const tag = response.headers.get('etag');
  const m = tag?.match(/(\d+)/);
  return m ? Number(m[1]) : undefined;
}
