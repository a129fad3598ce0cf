// Deletions without webhooks: Flex's lists leave deleted customers out, so a customer that no full walk has
// seen for two walks running is read again, one by one (paced), and marked deleted when Flex answers 404.
// Anything else that a read answers leaves the row for the next sweep.
import 'server-only';
import { sql } from 'kysely';
import { FlexError } from '@/lib/flex/errors';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log/logger';
import { indexCustomers, markIndexedDeleted } from '@/lib/search/index-store';
import { acquireSyncLease } from './lease';
import { dbOf, markSeen, type SyncDeps } from './walk';

/** Read again per sweep at most; the rest wait for the next walk's sweep. */
const SWEEP_LIMIT = 2_000;

/** Rows missed by walk `walkNo` and the one before it, indexed before this walk began. */
export async function missingRows(deps: SyncDeps, walkNo: number): Promise<string[]> {
  if (walkNo < 2) return [];
  const d = await dbOf(deps);
  const r = await sql<{ id: string }>`
    SELECT ci.id FROM customer_index ci
    LEFT JOIN sync_seen s ON s.id = ci.id
    CROSS JOIN sync_state st
    WHERE st.id = 1 AND ci.deleted_at IS NULL AND ci.test_mode = ${getConfig().flex.testMode}
      AND COALESCE(s.walk_no, 0) <= ${walkNo - 2}
      AND ci.synced_at < st.walk_started_at
    ORDER BY ci.id
    LIMIT ${SWEEP_LIMIT}`.execute(d);
  return r.rows.map((x) => x.id);
}

export type SweepResult = { checked: number; deleted: number; kept: number; failed: number };

export async function sweepMissing(deps: SyncDeps, walkNo: number): Promise<SweepResult> {
  const d = await dbOf(deps);
  const out: SweepResult = { checked: 0, deleted: 0, kept: 0, failed: 0 };
  for (const id of await missingRows(deps, walkNo)) {
    if (!(await acquireSyncLease(deps.owner, undefined, deps.database))) break;
    await deps.pacer.take();
    const askedAt = new Date();
    out.checked += 1;
    try {
      const c = await deps.flex.getCustomer(id);
      await indexCustomers([c], askedAt, d);
      await markSeen(d, [id], walkNo);
      out.kept += 1;
    } catch (e) {
      if (e instanceof FlexError && (e.status === 404 || e.kind === 'invalid_id')) {
        await markIndexedDeleted(id, askedAt, d);
        out.deleted += 1;
      } else {
        if (e instanceof FlexError && e.status === 429) deps.pacer.backOff(e.retryAfter ?? 1);
        out.failed += 1;
      }
    }
  }
  if (out.checked > 0) log.info({ walkNo, ...out }, 'sync: customers missing from two walks read again');
  return out;
}
