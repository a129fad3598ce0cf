import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, db as getDb } from '@/lib/db/database';
import { FREE_FAILURES, accountKey, reserveAttempt, throttleKeys, waitBeforeAttempt } from './throttle';

afterAll(() => closeDatabase());
beforeEach(async () => {
  await sql`TRUNCATE sign_in_throttle`.execute(await getDb());
});

describe('reserveAttempt', () => {
  it('100 simultaneous attempts on one account from 100 addresses: exactly the free ones go through', async () => {
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        reserveAttempt(throttleKeys('a@desk.test', `198.51.100.${i}`), now),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(FREE_FAILURES);
    expect(await waitBeforeAttempt([accountKey('a@desk.test')], now)).toBe(1000);
  });

  it('after the free attempts, one more each time the doubling wait has passed, and not before', async () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z') + (Date.now() % 1000);
    const keys = throttleKeys('b@desk.test', null);
    for (let i = 0; i < FREE_FAILURES; i++) expect(await reserveAttempt(keys, t0)).toBe(true);
    expect(await reserveAttempt(keys, t0 + 999)).toBe(false);
    expect(await reserveAttempt(keys, t0 + 1000)).toBe(true);
    expect(await reserveAttempt(keys, t0 + 2999)).toBe(false);
    expect(await reserveAttempt(keys, t0 + 3000)).toBe(true);
  });

  it('a blocked address refuses the attempt even for a fresh account, and an hour of quiet forgets', async () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < FREE_FAILURES; i++)
      await reserveAttempt(throttleKeys(`u${i}@desk.test`, '203.0.113.9'), t0);
    expect(await reserveAttempt(throttleKeys('fresh@desk.test', '203.0.113.9'), t0 + 10)).toBe(false);
    expect(await reserveAttempt(throttleKeys('fresh@desk.test', '203.0.113.9'), t0 + 3_600_001 + 10)).toBe(
      true,
    );
  });
});
