// One-time import of the SQLite app database of earlier versions (DATA_DIR/app.sqlite) into PostgreSQL:
// staff, the audit trail (hash chain verified before and after, ids and hashes kept), recently viewed.
// Sessions and sign-in throttling are not imported: everyone signs in again. The file is left in place.
// Read with sql.js (SQLite compiled to WebAssembly), so no native module is needed for it.
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import initSqlJs, { type Database as SqliteDatabase } from 'sql.js';
import { rowHash, verifyChain, type ChainCheck } from '@/lib/audit/audit';
import type { DB } from './schema';

const GENESIS = '0'.repeat(64);
/** Any constant: serialises the import between servers starting together on one database. */
const IMPORT_LOCK = 7_204_117_002;

export type ImportResult =
  | { imported: false; reason: 'no_file' | 'already_imported' | 'database_not_empty'; file: string }
  | {
      imported: true;
      file: string;
      staff: number;
      audit: number;
      recentlyViewed: number;
      sessionsDropped: number;
      chain: ChainCheck;
    };

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'app.sqlite');
}

type Value = string | number | null | Uint8Array;
type SqlRow = Record<string, Value>;

/** The rows of one table of the old database, or [] when it has no such table. */
function readTable(db: SqliteDatabase, table: string, orderBy?: string): SqlRow[] {
  const exists = db.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${table}'`);
  if (exists.length === 0) return [];
  const stmt = db.prepare(`SELECT * FROM "${table}"${orderBy ? ` ORDER BY ${orderBy}` : ''}`);
  const rows: SqlRow[] = [];
  while (stmt.step()) rows.push(stmt.getAsObject() as SqlRow);
  stmt.free();
  return rows;
}

/** The chain check of the old rows, with the same rules as verifyChain. */
export function verifyRows(rows: SqlRow[]): ChainCheck {
  let prev = GENESIS;
  for (const row of rows) {
    const { id, hash, ...rest } = row;
    if (rest.prev_hash !== prev)
      return {
        ok: false,
        rows: rows.length,
        brokenId: Number(id),
        reason: 'it does not point at the row before it',
      };
    if (rowHash(rest as Parameters<typeof rowHash>[0]) !== hash)
      return {
        ok: false,
        rows: rows.length,
        brokenId: Number(id),
        reason: 'its content does not match its hash',
      };
    prev = String(hash);
  }
  return { ok: true, rows: rows.length };
}

async function columnsOf(trx: Kysely<DB>, table: string): Promise<Set<string>> {
  const r = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}`.execute(trx);
  return new Set(r.rows.map((x) => x.column_name));
}

/** Only the columns both databases have (an older file lacks newer columns; they stay at their default). */
function pick(row: SqlRow, columns: Set<string>): Record<string, Value> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => columns.has(k)));
}

export async function importSqlite(db: Kysely<DB>, dataDir: string): Promise<ImportResult> {
  const file = sqliteFile(dataDir);
  if (!fs.existsSync(file)) return { imported: false, reason: 'no_file', file };
  const SQL = await initSqlJs();
  const old = new SQL.Database(fs.readFileSync(file));
  try {
    const staff = readTable(old, 'staff');
    const audit = readTable(old, 'audit_log', 'id');
    const recent = readTable(old, 'recently_viewed');
    const sessions = readTable(old, 'sessions');
    const before = verifyRows(audit);

    return await db.transaction().execute(async (trx): Promise<ImportResult> => {
      await sql`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
      const done = await trx.selectFrom('sqlite_import').select('file').executeTakeFirst();
      if (done) return { imported: false, reason: 'already_imported', file };
      const hasStaff = await trx.selectFrom('staff').select('id').limit(1).executeTakeFirst();
      const hasAudit = await trx.selectFrom('audit_log').select('id').limit(1).executeTakeFirst();
      if (hasStaff || hasAudit) return { imported: false, reason: 'database_not_empty', file };

      const staffCols = await columnsOf(trx, 'staff');
      const auditCols = await columnsOf(trx, 'audit_log');
      const recentCols = await columnsOf(trx, 'recently_viewed');
      for (let i = 0; i < staff.length; i += 200)
        await trx
          .insertInto('staff')
          .values(staff.slice(i, i + 200).map((r) => pick(r, staffCols)) as never)
          .execute();
      for (let i = 0; i < audit.length; i += 200)
        await trx
          .insertInto('audit_log')
          .values(audit.slice(i, i + 200).map((r) => pick(r, auditCols)) as never)
          .execute();
      const last = audit.at(-1);
      if (last)
        await trx
          .updateTable('audit_head')
          .set({ last_id: Number(last.id), last_hash: String(last.hash) })
          .where('id', '=', 1)
          .execute();
      const staffIds = new Set(staff.map((s) => s.id));
      const recentRows = recent.filter((r) => staffIds.has(r.staff_id ?? null));
      for (let i = 0; i < recentRows.length; i += 200)
        await trx
          .insertInto('recently_viewed')
          .values(recentRows.slice(i, i + 200).map((r) => pick(r, recentCols)) as never)
          .execute();

      const after = await verifyChain(trx);
      // The import must not change the verdict: an intact chain stays intact; a broken one is kept as evidence.
      if (after.ok !== before.ok || (!after.ok && !before.ok && after.brokenId !== before.brokenId))
        throw new Error(
          `Import of ${file} stopped: the audit chain verified ${before.ok ? 'intact' : `broken at row ${before.brokenId}`} in SQLite but ${after.ok ? 'intact' : `broken at row ${after.brokenId}`} after copying. Nothing was imported.`,
        );
      await trx
        .insertInto('sqlite_import')
        .values({
          file,
          imported_at: new Date().toISOString(),
          staff: staff.length,
          audit_rows: audit.length,
          chain_ok: after.ok ? 1 : 0,
        })
        .execute();
      return {
        imported: true,
        file,
        staff: staff.length,
        audit: audit.length,
        recentlyViewed: recentRows.length,
        sessionsDropped: sessions.length,
        chain: after,
      };
    });
  } finally {
    old.close();
  }
}

/** The lines to log about an import. */
export function describeImport(r: ImportResult): string[] {
  if (!r.imported)
    return r.reason === 'database_not_empty'
      ? [
          `Found ${r.file} (the SQLite database of an earlier version) but did not import it: the PostgreSQL database already has staff or audit rows.`,
        ]
      : [];
  return [
    `Imported ${r.file} (the SQLite database of an earlier version) into PostgreSQL: ${r.staff} staff, ${r.audit} audit rows, ${r.recentlyViewed} recently viewed.`,
    r.chain.ok
      ? `  The audit hash chain verified intact before and after the import (${r.chain.rows} rows).`
      : `  WARNING: the audit hash chain was already broken at row ${r.chain.brokenId} in SQLite; imported unchanged as evidence.`,
    `  ${r.sessionsDropped} sessions were not imported: everyone signs in again. The file is left in place and no longer used.`,
  ];
}
