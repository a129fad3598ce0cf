// The walk of every Flex customer, newest to oldest, 100 a page with `starting_after` (never `offset`, which
// skips or repeats rows while customers are added): the first backfill and every full re-walk alike. After
// each page its customers are in the index and the cursor is in sync_state, in one transaction that only
// the lease's holder can commit, so a new leader resumes from the last page that landed.
import 'server-only';
import { sql, type Kysely } from 'kysely';
import type { Customer } from '@/lib/customers/types';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';
import type { FlexClient } from '@/lib/flex/client';
import { FlexError } from '@/lib/flex/errors';
import type { Pacing } from '@/lib/pacing/shared-pacer';
import { indexCustomers } from '@/lib/search/index-store';
import { SYNC_LEASE_MS } from './lease';

export const PAGE_SIZE = 100;

export type SyncDeps = { flex: FlexClient; pacer: Pacing; owner: string; database?: Kysely<DB> };

export const dbOf = async (deps: { database?: Kysely<DB> }) => deps.database ?? (await db());

/** Records which walk saw these customers: the sweep after a walk looks for those no walk saw. */
export async function markSeen(d: Kysely<DB>, ids: string[], walkNo: number): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    INSERT INTO sync_seen (id, walk_no) SELECT unnest(${ids}::text[]), ${walkNo}
    ON CONFLICT (id) DO UPDATE SET walk_no = GREATEST(sync_seen.walk_no, excluded.walk_no)`.execute(d);
}

/** Starts a full walk (the first backfill, a due or requested re-walk) unless one runs; false if not leader. */
export async function beginWalk(deps: SyncDeps, totalEstimate: number | null): Promise<boolean> {
  const r = await sql<{ walk_no: number }>`
    UPDATE sync_state SET walk_running = true, walk_no = walk_no + 1, walk_cursor = NULL,
      walk_started_at = clock_timestamp(), walk_seen = 0, walk_pages = 0, walk_requested_at = NULL,
      walk_total_estimate = COALESCE(${totalEstimate}::integer, last_full_seen)
    WHERE id = 1 AND owner = ${deps.owner} AND NOT walk_running
    RETURNING walk_no`.execute(await dbOf(deps));
  return r.rows.length === 1;
}

export type PageOutcome = 'more' | 'done' | 'lost' | 'idle';

/** Flex refused the cursor: the customer it names was deleted since the page that ended with it. */
function cursorRefused(e: unknown): boolean {
  return e instanceof FlexError && e.status === 400 && (e.param ?? '').includes('starting_after');
}

type PageRead = { page: Customer[]; askedAt: Date };

/**
 * The next page, asked for while the current one is being indexed (one turn's walk only): a page then costs
 * the longer of Flex's answer and the index write, not both, so the walk keeps to FLEX_SYNC_RATE. Still
 * paced; dropped unless the checkpoint it follows is the one the next page starts from.
 */
export type ReadAhead = { next: { walkNo: number; cursor: string; read: Promise<PageRead> } | null };

function readPage(deps: SyncDeps, cursor: string | null): Promise<PageRead> {
  return (async () => {
    await deps.pacer.take();
    const askedAt = new Date();
    const page = await deps.flex.listCustomers({ limit: PAGE_SIZE, startingAfter: cursor ?? undefined });
    return { page, askedAt };
  })();
}

/**
 * One page of the running walk: read it (paced), index it, move the checkpoint, renew the lease. A failed
 * read throws (the caller records it and tries the same page again later); nothing has changed then.
 */
export async function walkPage(deps: SyncDeps, ahead?: ReadAhead): Promise<PageOutcome> {
  const d = await dbOf(deps);
  const s = await d.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const next = ahead?.next;
  if (ahead) ahead.next = null;
  if (!s.walk_running) return 'idle';
  if (s.owner !== deps.owner) return 'lost';
  const early = next && next.walkNo === s.walk_no && next.cursor === s.walk_cursor ? next.read : null;
  let page: Customer[];
  let askedAt: Date;
  try {
    ({ page, askedAt } = await (early ?? readPage(deps, s.walk_cursor)));
  } catch (e) {
    if (s.walk_cursor && cursorRefused(e))
      return (await stepBack(d, deps.owner, s.walk_cursor, s.walk_no)) ? 'more' : 'lost';
    throw e;
  }
  const last = page.at(-1)?.customer_id;
  if (ahead && last && page.length === PAGE_SIZE) {
    const read = readPage(deps, last);
    read.catch(() => undefined); // a failure is met when the page is used, or never if it is dropped
    ahead.next = { walkNo: s.walk_no, cursor: last, read };
  }
  const done = page.length < PAGE_SIZE;
  return d.transaction().execute(async (trx) => {
    const lease = await sql<{ walk_no: number }>`
      SELECT walk_no FROM sync_state WHERE id = 1 AND owner = ${deps.owner} AND walk_running FOR UPDATE`.execute(
      trx,
    );
    if (lease.rows.length === 0) return 'lost' as const;
    await indexCustomers(page, askedAt, trx);
    await markSeen(
      trx,
      page.map((c) => c.customer_id),
      s.walk_no,
    );
    await sql`
      UPDATE sync_state SET walk_cursor = ${last ?? s.walk_cursor}, walk_seen = walk_seen + ${page.length},
        walk_pages = walk_pages + 1, last_page_at = clock_timestamp(),
        lease_until = clock_timestamp() + make_interval(secs => ${SYNC_LEASE_MS / 1000})
      WHERE id = 1`.execute(trx);
    if (done)
      await sql`
        UPDATE sync_state SET walk_running = false, walk_cursor = NULL, last_full_done_at = clock_timestamp(),
          last_full_seen = walk_seen, last_poll_at = clock_timestamp(),
          first_backfill_done_at = COALESCE(first_backfill_done_at, clock_timestamp())
        WHERE id = 1`.execute(trx);
    return done ? ('done' as const) : ('more' as const);
  });
}

/**
 * The cursor's customer is gone: resume after the nearest newer customer this walk has already indexed
 * (re-reading a little, skipping nothing), or from the newest when there is none.
 */
async function stepBack(d: Kysely<DB>, owner: string, cursor: string, walkNo: number): Promise<boolean> {
  const newer = await d
    .selectFrom('sync_seen')
    .select('id')
    .where('walk_no', '=', walkNo)
    .where('id', '>', cursor)
    .orderBy('id', 'asc')
    .limit(1)
    .executeTakeFirst();
  const r = await sql`
    UPDATE sync_state SET walk_cursor = ${newer?.id ?? null} WHERE id = 1 AND owner = ${owner}`.execute(d);
  // The refused cursor is re-read by the sweep when no walk sees it again.
  await sql`UPDATE sync_seen SET walk_no = LEAST(walk_no, ${walkNo - 1}) WHERE id = ${cursor}`.execute(d);
  return Number(r.numAffectedRows ?? 0) === 1;
}
