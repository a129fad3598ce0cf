// The per-customer advisory lock on real PostgreSQL: serialises one key, not others, frees when the holder's
// connection dies, gives up after the limit, and leaves no lock behind.
process.env.FLEX_TIMEOUT_MS = '300'; // hold and wait limits: 900 ms
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, databaseUrl, db } from './database';
import { lockLimits, withAdvisoryLock } from './lock';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function advisoryLocks(): Promise<number> {
  const c = new pg.Client({ connectionString: databaseUrl() });
  await c.connect();
  try {
    const r = await c.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
    return (r.rows[0] as { n: number }).n;
  } finally {
    await c.end();
  }
}

afterAll(() => closeDatabase());

describe('withAdvisoryLock', () => {
  it('runs holders of one key one at a time, and of different keys at once', async () => {
    await db();
    const events: string[] = [];
    const job = (key: string, name: string) =>
      withAdvisoryLock(key, async () => {
        events.push(`${name}+`);
        await sleep(80);
        events.push(`${name}-`);
      });
    await Promise.all([job('customer:a', 'a1'), job('customer:a', 'a2'), job('customer:a', 'a3')]);
    for (let i = 0; i < events.length; i += 2)
      expect(events[i]!.slice(0, 2)).toBe(events[i + 1]!.slice(0, 2));
    const t = performance.now();
    await Promise.all([job('customer:x', 'x'), job('customer:y', 'y'), job('customer:z', 'z')]);
    expect(performance.now() - t).toBeLessThan(200);
    expect(await advisoryLocks()).toBe(0);
  });

  it('frees the lock at once when the holding connection dies (a killed server)', async () => {
    let holderPid = 0;
    const holder = withAdvisoryLock('customer:k', async () => {
      const c = new pg.Client({ connectionString: databaseUrl() });
      await c.connect();
      const r = await c.query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted LIMIT 1`);
      holderPid = (r.rows[0] as { pid: number }).pid;
      await c.query('SELECT pg_terminate_backend($1)', [holderPid]);
      await c.end();
      await sleep(300);
      return 'holder done';
    }).catch((e: unknown) => e);
    await sleep(50);
    const t = performance.now();
    const next = await withAdvisoryLock('customer:k', async () => 'next ran');
    expect(next).toBe('next ran');
    expect(performance.now() - t).toBeLessThan(600);
    expect(holderPid).toBeGreaterThan(0);
    expect(await holder).toBe('holder done'); // its work finished; only its lock transaction was gone
    expect(await advisoryLocks()).toBe(0);
  });

  it('gives up waiting after the limit, and a holder past the hold limit loses the lock', async () => {
    const { holdMs, waitMs } = lockLimits();
    expect({ holdMs, waitMs }).toEqual({ holdMs: 900, waitMs: 900 });
    const slow = withAdvisoryLock('customer:s', () => sleep(2500).then(() => 'slow done'));
    await sleep(50);
    const t = performance.now();
    const r = await withAdvisoryLock(
      'customer:s',
      async () => 'ran',
      () => 'busy',
    );
    const waited = performance.now() - t;
    // Either the wait limit ran out, or the hold limit ended the slow holder's transaction first.
    expect(['busy', 'ran']).toContain(r);
    expect(waited).toBeLessThan(1500);
    expect(await slow).toBe('slow done');
    expect(await advisoryLocks()).toBe(0);
  });
});
