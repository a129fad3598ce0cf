// The app database: one Kysely instance over a `pg` pool on PostgreSQL (DATABASE_URL; `npm start` sets it
// to the embedded server's when it is unset), migrated before first use. A second, small pool serves the
// per-customer locks only (lib/db/lock.ts), so a save waiting for a lock never starves ordinary queries.
import 'server-only';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log/logger';
import { watchPool } from '@/lib/metrics';
import { migrationProvider } from './migrations';
import type { DB } from './schema';

type Handle = { db: Kysely<DB>; pool: pg.Pool; lockPool: pg.Pool; ready: Promise<void> };
// Connection pools are per process by nature; everything servers must agree on lives in the database.
const globalForDb = globalThis as unknown as { __deskDb?: Map<string, Handle> };

export const POOL_SIZE = 10;
export const LOCK_POOL_SIZE = 20;
/** Any constant: the advisory lock key that serialises migrations between servers starting together. */
const MIGRATION_LOCK = 7_204_117_001;

export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server (a restart, a failover) must not crash the process: the pool
  // discards it and the next query opens a new one.
  pool.on('error', (e) => log.warn({ err: e.message }, 'database connection lost; reconnecting on next use'));
  return pool;
}

export function openDatabase(url: string, pool = createPool(url, POOL_SIZE)): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Applies the migrations not yet applied, in one transaction under a transaction-level advisory lock, so
 * that several servers starting at once apply each migration exactly once.
 */
export async function migrate(db: Kysely<DB>): Promise<void> {
  const migrations = await migrationProvider.getMigrations();
  const names = Object.keys(migrations).sort();
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS desk_migrations (name text PRIMARY KEY, applied_at text NOT NULL)`.execute(
      trx,
    );
    const done = new Set(
      (await sql<{ name: string }>`SELECT name FROM desk_migrations`.execute(trx)).rows.map((r) => r.name),
    );
    for (const name of names) {
      if (done.has(name)) continue;
      try {
        await migrations[name]!.up(trx);
      } catch (e) {
        throw new Error(`Database migration ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      await sql`INSERT INTO desk_migrations (name, applied_at) VALUES (${name}, ${new Date().toISOString()})`.execute(
        trx,
      );
    }
  });
}

export function databaseUrl(): string {
  const url = getConfig().database.url;
  if (!url)
    throw new Error(
      'DATABASE_URL is not set: start the app with `npm start` (which starts the embedded PostgreSQL), or set DATABASE_URL.',
    );
  return url;
}

function handle(): Handle {
  globalForDb.__deskDb ??= new Map();
  const url = databaseUrl();
  let h = globalForDb.__deskDb.get(url);
  if (!h) {
    const pool = createPool(url, POOL_SIZE);
    const k = openDatabase(url, pool);
    h = { db: k, pool, lockPool: createPool(url, LOCK_POOL_SIZE), ready: migrate(k) };
    globalForDb.__deskDb.set(url, h);
    watchPool('main', pool);
    watchPool('locks', h.lockPool);
  }
  return h;
}

/** The shared database, migrated. Every caller awaits this. */
export async function db(): Promise<Kysely<DB>> {
  const h = handle();
  await h.ready;
  return h.db;
}

/** The small pool that holds per-customer lock transactions (lib/db/lock.ts). */
export async function lockPool(): Promise<pg.Pool> {
  const h = handle();
  await h.ready;
  return h.lockPool;
}

/** Closes this process's pools (scripts and tests). */
export async function closeDatabase(): Promise<void> {
  const all = [...(globalForDb.__deskDb?.values() ?? [])];
  globalForDb.__deskDb?.clear();
  await Promise.all(all.map(async (h) => Promise.all([h.db.destroy(), h.lockPool.end()])));
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Start-up check of a configured database: reachable, accepts the credentials, PostgreSQL ≥ 14, and has the
 * extensions search needs (pg_trgm, unaccent).
 * Throws an error whose message names `variable`.
 */
export async function checkDatabase(url: string, variable = 'DATABASE_URL'): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const r = await client.query<{ v: string; version: string }>(
      `SELECT current_setting('server_version_num') AS v, current_setting('server_version') AS version`,
    );
    const row = r.rows[0];
    if (!row || Number(row.v) < 140000)
      throw new Error(
        `${variable}: PostgreSQL ${row?.version ?? '?'} is too old; version 14 or later is needed.`,
      );
    // Customer search needs pg_trgm and unaccent (both "trusted": any owner of the database may create them,
    // which the migration does); a server built without contrib lacks them.
    const ext = await client.query<{ name: string }>(
      `SELECT n.name FROM unnest($1::text[]) AS n(name)
       WHERE NOT EXISTS (SELECT 1 FROM pg_available_extensions a WHERE a.name = n.name)`,
      [['pg_trgm', 'unaccent']],
    );
    if (ext.rows.length > 0)
      throw new Error(
        `${variable}: this PostgreSQL server lacks the extension${ext.rows.length > 1 ? 's' : ''} ${ext.rows.map((r) => r.name).join(' and ')} that customer search needs. Install PostgreSQL's contrib modules on it (Debian/Ubuntu: the postgresql-contrib package; managed services: allow the extension), then start again.`,
      );
    return row.version;
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    if (m.startsWith(variable)) throw e;
    throw new Error(
      `${variable} (${redactUrl(url)}): cannot use this PostgreSQL: ${m || 'connection failed'}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
