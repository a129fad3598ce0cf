// The one-time import of an earlier version's SQLite database, from a fixture made by that version
// (lib/db/fixtures/app-v0.1.sqlite: 3 staff, 1 session, 7 chained audit rows, 3 recently viewed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import initSqlJs from 'sql.js';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyChain } from '@/lib/audit/audit';
import { verifyPassword } from '@/lib/auth/password';
import { closeDatabase, db as getDb } from './database';
import { describeImport, importSqlite } from './import-sqlite';

const FIXTURE = path.join(__dirname, 'fixtures', 'app-v0.1.sqlite');
const dirs: string[] = [];

function dataDirWith(file: Buffer | Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'app.sqlite'), file);
  return dir;
}

afterAll(async () => {
  await closeDatabase();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

beforeEach(async () => {
  const db = await getDb();
  await sql`TRUNCATE audit_log, staff, sessions, recently_viewed, sqlite_import CASCADE`.execute(db);
  await sql`UPDATE audit_head SET last_id = 0, last_hash = ${'0'.repeat(64)}`.execute(db);
});

describe('importing the SQLite database of the previous version', () => {
  it('copies staff, the audit trail with its chain intact, and recently viewed; drops sessions; once', async () => {
    const db = await getDb();
    const dir = dataDirWith(fs.readFileSync(FIXTURE));
    const r = await importSqlite(db, dir);
    expect(r).toMatchObject({ imported: true, staff: 3, audit: 7, recentlyViewed: 3, sessionsDropped: 1 });
    expect(r.imported && r.chain).toEqual({ ok: true, rows: 7 });
    expect(describeImport(r).join('\n')).toMatch(/verified intact before and after.*\n.*left in place/s);

    expect(await verifyChain(db)).toEqual({ ok: true, rows: 7 });
    const staff = await db.selectFrom('staff').selectAll().orderBy('email').execute();
    expect(staff.map((s) => [s.email, s.role, s.disabled])).toEqual([
      ['gone@desk.test', 'viewer', 1],
      ['old.admin@desk.test', 'admin', 0],
      ['support@desk.test', 'support', 0],
    ]);
    expect(await verifyPassword('old-admin-password-1', staff[1]!.password_hash)).toBe(true);
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect((await db.selectFrom('recently_viewed').selectAll().execute()).length).toBe(3);
    // The pending row and its completion keep their link.
    const completion = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('completes_id', 'is not', null)
      .execute();
    expect(completion.map((c) => [c.id, c.completes_id, c.outcome])).toEqual([[4, 3, 'success']]);

    // New rows chain on from the imported head.
    const next = await appendAudit({
      actor: { id: null, email: null, role: null },
      request: null,
      action: 'auth.sign_out',
      outcome: 'success',
    });
    expect(next).toBe(8);
    expect(await verifyChain(db)).toEqual({ ok: true, rows: 8 });

    expect(fs.existsSync(path.join(dir, 'app.sqlite'))).toBe(true); // left in place
    expect(await importSqlite(db, dir)).toMatchObject({ imported: false, reason: 'already_imported' });
    expect(await verifyChain(db)).toEqual({ ok: true, rows: 8 });
  });

  it('keeps a chain that was already broken in SQLite as evidence, and says so', async () => {
    const SQL = await initSqlJs();
    const old = new SQL.Database(fs.readFileSync(FIXTURE));
    old.run(`UPDATE audit_log SET detail = 'edited by hand' WHERE id = 5`);
    const dir = dataDirWith(old.export());
    old.close();
    const db = await getDb();
    const r = await importSqlite(db, dir);
    expect(r).toMatchObject({ imported: true, audit: 7, chain: { ok: false, brokenId: 5 } });
    expect(describeImport(r).join('\n')).toMatch(/already broken at row 5/);
    expect(await verifyChain(db)).toMatchObject({ ok: false, brokenId: 5 });
  });

  it('does nothing without a file, and does not import into a database already in use', async () => {
    const db = await getDb();
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'));
    dirs.push(empty);
    expect(await importSqlite(db, empty)).toMatchObject({ imported: false, reason: 'no_file' });
    await appendAudit({
      actor: { id: null, email: null, role: null },
      request: null,
      action: 'auth.sign_out',
      outcome: 'success',
    });
    expect(await importSqlite(db, dataDirWith(fs.readFileSync(FIXTURE)))).toMatchObject({
      imported: false,
      reason: 'database_not_empty',
    });
  });
});
