/** `node dist/libs/persistence/src/migrate.js`: applies pending migrations to DATABASE_URL. */
import { runMigrations } from './data-source';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const applied = await runMigrations(url);
  process.stderr.write(`[migrate] ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`);
}

main().catch((err) => {
  process.stderr.write(`[migrate] failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
