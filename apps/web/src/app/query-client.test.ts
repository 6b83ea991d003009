import { MutationObserver } from '@tanstack/react-query';
import { ApiError, call, messageOf } from '../api/client';
import { BUSY_RETRIES, createQueryClient } from './query-client';

const busy = (retryAfter: number) =>
  new ApiError(
    503,
    'SERVER_BUSY',
    'Hệ thống đang bận xử lý nhiều yêu cầu; thao tác chưa được thực hiện, vui lòng thử lại sau ít giây.',
    {},
    retryAfter,
  );

/** Runs a mutation through the app's query client; `attempts` counts the calls of its function. */
async function mutate(outcomes: (Error | string)[]): Promise<{ result: unknown; error: unknown; attempts: number }> {
  const client = createQueryClient();
  let attempts = 0;
  const observer = new MutationObserver(client, {
    mutationFn: async () => {
      const next = outcomes[Math.min(attempts++, outcomes.length - 1)];
      if (next instanceof Error) throw next;
      return next;
    },
  });
  try {
    return { result: await observer.mutate(), error: undefined, attempts };
  } catch (error) {
    return { result: undefined, error, attempts };
  }
}

describe('a change the API refused as busy', () => {
  it('is sent again after the Retry-After the API gave, and succeeds', async () => {
    const { result, attempts } = await mutate([busy(0), busy(0), 'saved']);
    expect({ result, attempts }).toEqual({ result: 'saved', attempts: 3 });
  });

  it('still busy after its retries: the user reads the Vietnamese message', async () => {
    const { error, attempts } = await mutate([busy(0)]);
    expect(attempts).toBe(BUSY_RETRIES + 1);
    expect(messageOf(error)).toBe('Hệ thống đang bận xử lý nhiều yêu cầu; thao tác chưa được thực hiện, vui lòng thử lại sau ít giây.');
  });

  it('any other failure is not sent again (the change may have been made)', async () => {
    for (const failure of [
      new ApiError(503, 'HTTP_ERROR', 'Hệ thống đang bận. Vui lòng thử lại sau ít giây.', {}),
      new ApiError(409, 'VERSION_CONFLICT', 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại.', {}),
      new ApiError(500, 'INTERNAL', 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau.', {}),
    ])
      expect((await mutate([failure, 'saved'])).attempts).toBe(1);
  });

  it("carries the answer's Retry-After and, without a body, a Vietnamese message for 503", async () => {
    const answer = (status: number, body: unknown, headers: Record<string, string>) =>
      call(Promise.resolve({ error: body, response: new Response(null, { status, headers }) }));
    await expect(answer(503, { error: 'SERVER_BUSY', messageVi: 'Bận.' }, { 'retry-after': '2' })).rejects.toMatchObject({
      code: 'SERVER_BUSY',
      retryAfterSeconds: 2,
      messageVi: 'Bận.',
    });
    await expect(answer(503, undefined, {})).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      retryAfterSeconds: undefined,
      messageVi: 'Hệ thống đang bận. Vui lòng thử lại sau ít giây.',
    });
  });
});
