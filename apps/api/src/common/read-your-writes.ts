import type { Projector } from '@kybaocao/persistence/projections/projector';

/** The caller's consistency token (common/written-position.ts, ReadAfter): undefined without one. */
export type ReadAfter = bigint | undefined;

/**
 * The freshness rule of the lists that other users' writes keep changing — the board, the reviewer's queue, a
 * reporter's assignments, a unit's received reports, the office's deliveries (issue #16): read-your-own-writes. With the caller's consistency token (the highest position
 * it wrote) the read models the list reads are waited for up to that position, within the deadline (503 with
 * Retry-After past it); without one the list shows what they hold (the background loops keep them a fraction of a
 * second behind). Other users' writes of the last moments are not waited for: under a submission rush that wait
 * never ended quickly. A token already applied costs no statement (Projector.catchUpToNow).
 */
export async function readYourWrites(projector: Projector, readModels: readonly string[], readAfter: ReadAfter): Promise<void> {
  if (readAfter !== undefined) await projector.catchUpToNow(undefined, readModels, readAfter);
}
