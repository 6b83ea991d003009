/**
 * `npm run verify [-- <streamId>]`: walks the hash chain of one stream (or all) and reports the first broken
 * link of each stream. Exit code 1 when anything is broken. Uses DATABASE_URL.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { EventStore } from './event-store/event-store';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const ds = await new DataSource(dataSourceOptions(url, { poolSize: 1 })).initialize();
  try {
    const streamId = process.argv[2];
    const { checkedEvents, broken } = await new EventStore(ds).verify(streamId);
    process.stdout.write(`checked ${checkedEvents} event(s)${streamId ? ` of ${streamId}` : ''}: ${broken.length ? `${broken.length} broken stream(s)` : 'intact'}\n`);
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
