/**
 * Waits until every read model has taken in the whole event log (GET /health/read-models answers `current`). The
 * board waits only for its caller's own writes (read-your-own-writes, issue #16): a spec that reads it right after
 * ANOTHER session's write calls this first, as a user would see that write a moment later.
 */
export async function readModelsCurrent(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${baseUrl}/health/read-models`);
    const body = (await res.json()) as { current: boolean; logEnd: string; projections: { name: string; behind: boolean }[] };
    if (res.status === 200 && body.current) return;
    if (Date.now() > deadline)
      throw new Error(`read models still behind the log's end (${body.logEnd}) after ${timeoutMs} ms: ${JSON.stringify(body.projections)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
