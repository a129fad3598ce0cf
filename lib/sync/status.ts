// What the sync has done and is doing, for the admin page (/sync) and for search, which says how much of
// Flex its results cover until the first backfill is complete. Read from PostgreSQL: any server answers.
import 'server-only';
import { sql, type Kysely } from 'kysely';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';
import type { SyncStatus } from './status-types';

export type { SyncStatus };

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The count, exact up to 200,000 rows; past that PostgreSQL's estimate (a count would scan the table). */
async function indexedCount(d: Kysely<DB>): Promise<number> {
  const est = await sql<{ n: number }>`
    SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'customer_index'::regclass`.execute(d);
  const n = Number(est.rows[0]?.n ?? -1);
  if (n > 200_000) return Math.round(n);
  const exact = await sql<{ n: string }>`
    SELECT count(*) AS n FROM customer_index WHERE deleted_at IS NULL`.execute(d);
  return Number(exact.rows[0]?.n ?? 0);
}

export async function readSyncStatus(database?: Kysely<DB>): Promise<SyncStatus> {
  const d = database ?? (await db());
  const [s, indexed, hooks] = await Promise.all([
    d.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
    indexedCount(d),
    sql<{ queued: string; failed: string; last24h: string; last_at: Date | null; lag_ms: number | null }>`
      SELECT
        count(*) FILTER (WHERE state IN ('queued', 'working')) AS queued,
        count(*) FILTER (WHERE state = 'failed' AND received_at > now() - interval '24 hours') AS failed,
        count(*) FILTER (WHERE received_at > now() - interval '24 hours') AS last24h,
        max(received_at) AS last_at,
        (SELECT EXTRACT(EPOCH FROM (done_at - received_at)) * 1000 FROM webhook_event
          WHERE state = 'done' ORDER BY done_at DESC LIMIT 1)::float8 AS lag_ms
      FROM webhook_event`.execute(d),
  ]);
  const h = hooks.rows[0];
  const total = s.walk_total_estimate;
  const progress = s.walk_running && total ? Math.min(1, s.walk_seen / Math.max(total, 1)) : null;
  const elapsed = s.walk_started_at ? (Date.now() - new Date(s.walk_started_at).getTime()) / 1000 : 0;
  const rate = s.walk_running && elapsed > 1 && s.walk_seen > 0 ? s.walk_seen / elapsed : null;
  const leaseLive = s.owner && s.lease_until && new Date(s.lease_until).getTime() > Date.now();
  return {
    firstBackfillDone: s.first_backfill_done_at !== null,
    indexed,
    backfill: {
      running: s.walk_running,
      progress,
      walkNo: s.walk_no,
      seen: s.walk_seen,
      total,
      startedAt: iso(s.walk_started_at),
      rate,
      etaSeconds: rate && total ? Math.max(0, Math.round((total - s.walk_seen) / rate)) : null,
      requested: s.walk_requested_at !== null,
    },
    lastFullWalkAt: iso(s.last_full_done_at),
    lastPollAt: iso(s.last_poll_at),
    lastWebhookAt: iso(h?.last_at),
    webhooks: {
      queued: Number(h?.queued ?? 0),
      failed: Number(h?.failed ?? 0),
      last24h: Number(h?.last24h ?? 0),
      lastLagMs: h?.lag_ms == null ? null : Math.round(Number(h.lag_ms)),
    },
    leader: leaseLive ? s.owner : null,
    errors: {
      count: s.errors,
      throttled: s.throttled,
      last: s.last_error,
      lastAt: iso(s.last_error_at),
    },
  };
}

/** The admin's "Start a full re-walk": the leader starts it at its next turn (at once when idle). */
export async function requestFullWalk(database?: Kysely<DB>): Promise<'requested' | 'running'> {
  const d = database ?? (await db());
  const r = await sql`
    UPDATE sync_state SET walk_requested_at = clock_timestamp() WHERE id = 1 AND NOT walk_running`.execute(d);
  return Number(r.numAffectedRows ?? 0) === 1 ? 'requested' : 'running';
}
