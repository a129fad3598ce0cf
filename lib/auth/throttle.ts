// Sign-in throttling per account and per client address. Every attempt is reserved before its password is
// checked, in one statement that any number of servers may run at once: the first 5 attempts in a row are
// free, then each further one must wait a delay that doubles (1 s, 2 s, 4 s …) up to a cap, counted from the
// attempt before it. A successful sign-in clears the count; a quiet hour forgets it.
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

export const accountKey = (email: string) => `acct:${email}`;

export const throttleKeys = (email: string, ip: string | null) => [
  accountKey(email),
  ...(ip ? [`ip:${ip}`] : []),
];

/** Milliseconds until another attempt is allowed (0: allowed now); for the message, not the decision. */
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

/**
 * Reserves one attempt under every key, atomically per key: a key is charged only if its wait has passed
 * (the condition is checked on the row as locked by the upsert, so concurrent attempts through any server
 * see each other's charges). The attempt may go on only if every key was charged. A key that was charged
 * while another refused keeps the charge: every attempt counts, whoever sends it.
 */
export async function reserveAttempt(keys: string[], now = Date.now()): Promise<boolean> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return true;
  const db = await getDb();
  const at = new Date(now).toISOString();
  const staleBefore = new Date(now - FORGET_AFTER_MS).toISOString();
  const capSeconds = maxDelayMs() / 1000;
  const charged = await sql<{ key: string }>`
    INSERT INTO sign_in_throttle (key, failures, last_failure_at)
    SELECT k, 1, ${at} FROM unnest(${unique}::text[]) AS k
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN sign_in_throttle.last_failure_at < ${staleBefore} THEN 1
                      ELSE sign_in_throttle.failures + 1 END,
      last_failure_at = ${at}
    WHERE sign_in_throttle.last_failure_at < ${staleBefore}
       OR sign_in_throttle.failures < ${FREE_FAILURES}
       OR sign_in_throttle.last_failure_at::timestamptz
          + least(power(2, sign_in_throttle.failures - ${FREE_FAILURES}), ${capSeconds}) * interval '1 second'
          <= ${at}::timestamptz
    RETURNING key`.execute(db);
  return charged.rows.length === unique.length;
}

export async function clearFailures(key: string): Promise<void> {
  const db = await getDb();
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
