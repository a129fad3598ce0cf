// Which server leads the sync: a lease on the one sync_state row, taken and renewed on the database's
// clock. A leader that dies (kill -9) simply stops renewing; any server takes over once the lease runs out
// and carries on from the walk's checkpoint, which lives in the same row.
import 'server-only';
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import { ulid } from 'ulid';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';

export const SYNC_LEASE_MS = 10_000;

/** This process's identity as a leader (per process by nature). */
export const SYNC_OWNER = `${os.hostname()}:${process.pid}:${ulid()}`;

/** Takes the lease, or renews it when held; false when another server holds it. */
export async function acquireSyncLease(
  owner = SYNC_OWNER,
  ms = SYNC_LEASE_MS,
  database?: Kysely<DB>,
): Promise<boolean> {
  const d = database ?? (await db());
  const r = await sql<{ id: number }>`
    UPDATE sync_state SET owner = ${owner}, lease_until = clock_timestamp() + make_interval(secs => ${ms / 1000})
    WHERE id = 1 AND (owner IS NULL OR owner = ${owner} OR lease_until < clock_timestamp())
    RETURNING id`.execute(d);
  return r.rows.length === 1;
}

/**
 * Hands the lease back (a clean shutdown: another server leads at once instead of after SYNC_LEASE_MS).
 * The walk's checkpoint stays; the next leader resumes from it.
 */
export async function releaseSyncLease(owner = SYNC_OWNER, database?: Kysely<DB>): Promise<void> {
  const d = database ?? (await db());
  await sql`UPDATE sync_state SET owner = NULL, lease_until = NULL WHERE id = 1 AND owner = ${owner}`.execute(
    d,
  );
}
