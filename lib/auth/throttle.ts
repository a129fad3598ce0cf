// Sign-in throttling per account and per IP: after 5 failures each further attempt must wait a delay
// that doubles (1 s, 2 s, 4 s …) up to a cap. Failures are forgotten after a quiet hour.
import 'server-only';
import { sql } from 'kysely';
import { db as getDb } from '@/lib/db/database';

export const FREE_FAILURES = 5;
const FORGET_AFTER_MS = 3_600_000;

export function maxDelayMs(): number {
  const s = Number(process.env.SIGN_IN_MAX_DELAY_SECONDS ?? 300);
  return (Number.isFinite(s) && s > 0 ? s : 300) * 1000;
}

/** The wait required after `failures` failures (pure, for tests). */
export function delayFor(failures: number, capMs = maxDelayMs()): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES), capMs);
}

export const throttleKeys = (email: string, ip: string | null) => [
  `acct:${email}`,
  ...(ip ? [`ip:${ip}`] : []),
];

/** Milliseconds until another attempt is allowed (0: allowed now). */
export async function waitBeforeAttempt(keys: string[], now = Date.now()): Promise<number> {
  const db = await getDb();
  const rows = await db.selectFrom('sign_in_throttle').selectAll().where('key', 'in', keys).execute();
  let wait = 0;
  for (const r of rows) {
    const last = Date.parse(r.last_failure_at);
    if (now - last > FORGET_AFTER_MS) continue;
    wait = Math.max(wait, last + delayFor(r.failures) - now);
  }
  return Math.max(0, wait);
}

export async function recordFailure(keys: string[]): Promise<void> {
  const db = await getDb();
  const now = new Date().toISOString();
  const staleBefore = new Date(Date.now() - FORGET_AFTER_MS).toISOString();
  for (const key of keys) {
    // One statement, so failures counted by several servers at once are all counted.
    await db
      .insertInto('sign_in_throttle')
      .values({ key, failures: 1, last_failure_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN sign_in_throttle.last_failure_at < ${staleBefore} THEN 1 ELSE sign_in_throttle.failures + 1 END`,
          last_failure_at: now,
        }),
      )
      .execute();
  }
}

export async function clearFailures(key: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
