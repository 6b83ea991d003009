import { Client } from 'pg';

/** The role every service table privilege is granted to (by the migrations). */
export const APP_ROLE = 'kybaocao_app';

/** DATABASE_APP_URL derived from the owner's URL: same server and database, the application's role and password. */
export function appDatabaseUrl(ownerUrl: string, password: string, user = APP_ROLE): string {
  const u = new URL(ownerUrl);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Makes DATABASE_APP_URL's user a login role the services can connect with, run by the schema owner after the
 * migrations (it needs CREATEROLE): created or its password set, granted the application role's privileges
 * (SELECT/INSERT on the event store, what the read models need) and nothing else. Refuses a user that is a
 * superuser, owns the event store, or is a member of its owner, since such a user could drop the guards.
 */
export async function provisionAppLogin(ownerUrl: string, appUrl: string): Promise<string> {
  const u = new URL(appUrl);
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(user)) throw new Error(`DATABASE_APP_URL: user "${user}" must be a plain lower-case role name`);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const [{ tableowner }] = (await owner.query(`SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'events'`))
      .rows;
    if (user === tableowner) throw new Error(`DATABASE_APP_URL: "${user}" owns the event store; the services need a role of their own`);
    const exists = (await owner.query(`SELECT rolsuper FROM pg_roles WHERE rolname = $1`, [user])).rows[0];
    const verb = exists ? 'ALTER' : 'CREATE';
    const [{ sql }] = (
      await owner.query(
        `SELECT format('${verb} ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD %L', $1::text, $2::text) AS sql`,
        [user, password],
      )
    ).rows;
    await owner.query(sql);
    if (user !== APP_ROLE)
      await owner
        .query(`SELECT format('GRANT %I TO %I', $1::text, $2::text) AS sql`, [APP_ROLE, user])
        .then((r) => owner.query(r.rows[0].sql));
    const [check] = (
      await owner.query(
        `SELECT r.rolsuper AS super, pg_has_role($1, $2, 'MEMBER') AS member_of_owner FROM pg_roles r WHERE r.rolname = $1`,
        [user, tableowner],
      )
    ).rows;
    if (check.super || check.member_of_owner) {
      throw new Error(
        `DATABASE_APP_URL: "${user}" is ${check.super ? 'a superuser' : `a member of the owner ${tableowner}`}; the services need a role without those powers`,
      );
    }
    return user;
  } finally {
    await owner.end();
  }
}
