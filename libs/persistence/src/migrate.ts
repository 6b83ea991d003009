/**
 * `node dist/libs/persistence/src/migrate.js`: applies pending migrations to DATABASE_URL (the schema owner's URL,
 * used for nothing else), then, with DATABASE_APP_URL, makes its user the services' login role (provisionAppLogin).
 */
import { provisionAppLogin } from './app-role';
import { runMigrations } from './data-source';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const applied = await runMigrations(url);
  process.stderr.write(`[migrate] ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`);
  if (process.env.DATABASE_APP_URL) {
    const user = await provisionAppLogin(url, process.env.DATABASE_APP_URL);
    process.stderr.write(`[migrate] the services connect as "${user}" (login role, SELECT/INSERT on the event store)\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`[migrate] failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
