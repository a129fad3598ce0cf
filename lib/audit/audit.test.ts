import { sql, type Kysely } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, db as getDb } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';
import { appendAudit, verifyChain } from './audit';
import { listAudit } from './query';

const actor = { id: 'stf_1', email: 'ops@desk.test', role: 'ops' };
const request = { requestId: 'req_1', ip: '127.0.0.1', userAgent: 'test' };
let db: Kysely<DB>;

afterAll(() => closeDatabase());

beforeEach(async () => {
  db = await getDb(); // this file's own PostgreSQL database (test/pg-per-file.ts)
  await sql`TRUNCATE audit_log`.execute(db);
  await sql`UPDATE audit_head SET last_id = 0, last_hash = ${'0'.repeat(64)}`.execute(db);
  for (let i = 0; i < 5; i++) {
    await appendAudit(
      {
        actor,
        request,
        action: 'customer.update',
        outcome: 'success',
        customerId: 'fcus_01HACM7FZ1084XB1GB6053VM0D',
        changes: { city: { before: 'A', after: `B${i}` } },
      },
      db,
    );
  }
});

describe('the audit hash chain', () => {
  it('verifies an untouched chain', async () => {
    expect(await verifyChain(db)).toEqual({ ok: true, rows: 5 });
  });

  it('names a row edited by hand', async () => {
    await sql`UPDATE audit_log SET outcome = 'rejected' WHERE id = 3`.execute(db);
    expect(await verifyChain(db)).toMatchObject({
      ok: false,
      brokenId: 3,
      reason: expect.stringMatching(/edited/),
    });
  });

  it('names the row after a deleted one', async () => {
    await sql`DELETE FROM audit_log WHERE id = 2`.execute(db);
    expect(await verifyChain(db)).toMatchObject({
      ok: false,
      brokenId: 3,
      reason: expect.stringMatching(/removed/),
    });
  });
});

describe('pending and completion rows', () => {
  it('shows a pending update with its completion outcome, and a lone pending row as pending', async () => {
    const pending = await appendAudit(
      {
        actor,
        request,
        action: 'customer.update',
        outcome: 'pending',
        customerId: 'fcus_01HACM7FZ1084XB1GB6053VM0E',
      },
      db,
    );
    let { entries } = await listAudit(
      { customerId: 'fcus_01HACM7FZ1084XB1GB6053VM0E' },
      { limit: 10, offset: 0 },
      db,
    );
    expect(entries.map((e) => e.outcome)).toEqual(['pending']);
    await appendAudit(
      {
        actor,
        request,
        action: 'customer.update',
        outcome: 'unknown',
        customerId: 'fcus_01HACM7FZ1084XB1GB6053VM0E',
        completesId: pending,
      },
      db,
    );
    ({ entries } = await listAudit(
      { customerId: 'fcus_01HACM7FZ1084XB1GB6053VM0E' },
      { limit: 10, offset: 0 },
      db,
    ));
    expect(entries.map((e) => e.outcome)).toEqual(['unknown']);
    expect((await listAudit({ outcome: 'unknown' }, { limit: 10, offset: 0 }, db)).total).toBe(1);
    expect(await verifyChain(db)).toMatchObject({ ok: true, rows: 7 });
  });
});
