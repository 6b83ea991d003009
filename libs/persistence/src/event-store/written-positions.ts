import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The highest global position the current unit of work (an API request) appended, kept in memory only: the
 * event store notes each append's position here (no statement added), and the API hands it to the client as its
 * consistency token (a read waits for its read models only up to the token: read-your-own-writes).
 */
interface WrittenScope {
  position: bigint | null;
}

const scopes = new AsyncLocalStorage<WrittenScope>();

/**
 * Runs `work` in a scope of its own (everything it starts, synchronously or not, belongs to it); `written()` reads
 * back the highest position appended in it, also once `work`'s own promises or observables have settled; `work` is
 * handed the same reader (an answer may go out before trackWrites returns).
 */
export function trackWrites<T>(work: (written: () => bigint | null) => T): { result: T; written: () => bigint | null } {
  const scope: WrittenScope = { position: null };
  const written = () => scope.position;
  return { result: scopes.run(scope, () => work(written)), written };
}

/** Called by the event store after an append (a no-op outside a tracked scope: the worker, scripts, specs). */
export function noteWritten(globalPosition: string | bigint): void {
  const scope = scopes.getStore();
  if (!scope) return;
  const p = BigInt(globalPosition);
  if (scope.position === null || p > scope.position) scope.position = p;
}
