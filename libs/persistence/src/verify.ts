/**
 * `npm run verify [-- <streamId>]`: walks the hash chain of one stream (or all) and reports the first broken
 * link of each stream; for the whole log, also checks it against the latest signed checkpoint (CHECKPOINT_KEY).
 * Exit code 1 when anything is broken. Uses DATABASE_APP_URL, else DATABASE_URL.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { EventStore } from './event-store/event-store';
import { checkpointKeyFromEnv, EventCheckpoints, verifyEventLog } from './event-store/checkpoints';

async function main() {
  const url = process.env.DATABASE_APP_URL || process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_APP_URL or DATABASE_URL is required');
  const ds = await new DataSource(dataSourceOptions(url, { poolSize: 1 })).initialize();
  try {
    const streamId = process.argv[2];
    const { checkedEvents, broken, checkpoint } = await verifyEventLog(
      new EventStore(ds),
      new EventCheckpoints(ds, checkpointKeyFromEnv()),
      streamId,
    );
    process.stdout.write(
      `checked ${checkedEvents} event(s)${streamId ? ` of ${streamId}` : ''}: ${broken.length ? `${broken.length} broken stream(s)` : 'intact'}\n`,
    );
    if (checkpoint)
      process.stdout.write(
        `checkpoint: ${checkpoint.status}${checkpoint.latest ? ` (#${checkpoint.latest.sequence} at position ${checkpoint.latest.globalPosition})` : ''}${checkpoint.message ? ` — ${checkpoint.message}` : ''}\n`,
      );
    for (const b of broken) process.stdout.write(`  ${b.streamId} v${b.version} (position ${b.globalPosition}): ${b.reason}\n`);
    process.exitCode = broken.length ? 1 : 0;
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`[verify] failed: ${err?.stack ?? err}\n`);
  process.exit(2);
});
