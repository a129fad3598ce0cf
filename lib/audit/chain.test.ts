// The audit chain under concurrency on real PostgreSQL: appends from two "servers" (two pools) at once
// chain without gaps or forks, and the database itself refuses a fork.
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, databaseUrl, db as getDb, openDatabase } from '@/lib/db/database';
import { appendAudit, verifyChain } from './audit';

const other = openDatabase(databaseUrl()); // a second server's pool
afterAll(async () => {
  await other.destroy();
  await closeDatabase();
});

describe('concurrent appends', () => {
  it('2 × 200 appends at once: one chain, ids 1..400, no fork', async () => {
    const db = await getDb();
    const entry = (i: number) => ({
      actor: { id: 'stf_1', email: 'a@desk.test', role: 'admin' },
      request: null,
      action: 'auth.sign_in' as const,
      outcome: 'success' as const,
      detail: `append ${i}`,
    });
    const ids = await Promise.all(
      Array.from({ length: 400 }, (_, i) => appendAudit(entry(i), i % 2 ? other : db)),
    );
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(await verifyChain(db)).toEqual({ ok: true, rows: 400 });

    const last = await db.selectFrom('audit_log').selectAll().where('id', '=', 400).executeTakeFirstOrThrow();
    const forged = { ...last, id: 401, hash: 'f'.repeat(64) };
    // A second row chained to an existing row's predecessor: refused by UNIQUE(prev_hash).
    await expect(db.insertInto('audit_log').values(forged).execute()).rejects.toThrow(/unique/i);

    await sql`DELETE FROM audit_log WHERE id = 400`.execute(db);
    expect(await verifyChain(db)).toMatchObject({ ok: false, reason: expect.stringMatching(/newest rows/) });
  });
});
