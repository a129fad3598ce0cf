// The app database: one Kysely instance over SQLite (a file in DATA_DIR), migrated before first use.
import 'server-only';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { getConfig } from '@/lib/config';
import { migrationProvider } from './migrations';
import type { DB } from './schema';

type Handle = { db: Kysely<DB>; ready: Promise<void> };
const globalForDb = globalThis as unknown as { __deskDb?: Map<string, Handle> };

export function openDatabase(file: string): Kysely<DB> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}

export async function migrate(db: Kysely<DB>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed)
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

export function databaseFile(dataDir = getConfig().dataDir): string {
  return path.join(dataDir, 'app.sqlite');
}

/** The shared database, migrated. Every caller awaits this. */
export async function db(): Promise<Kysely<DB>> {
  globalForDb.__deskDb ??= new Map();
  const file = databaseFile();
  let h = globalForDb.__deskDb.get(file);
  if (!h) {
    const k = openDatabase(file);
    h = { db: k, ready: migrate(k) };
    globalForDb.__deskDb.set(file, h);
  }
  await h.ready;
  return h.db;
}
