// The sync worker, started in every app server (instrumentation.ts). Every server works the webhook queue;
// one server at a time (the lease holder) walks Flex: the first backfill, then a poll of the newest page
// every FLEX_SYNC_POLL_SECONDS and a full re-walk every FLEX_SYNC_FULL_HOURS (or when an admin asks).
import 'server-only';
import { sql } from 'kysely';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/database';
import { FlexError } from '@/lib/flex/errors';
import { backgroundFlex } from '@/lib/flex/flex';
import { log } from '@/lib/log/logger';
import { syncPacer } from '@/lib/pacing/shared-pacer';
import { estimateTotal } from './estimate';
import { acquireSyncLease, releaseSyncLease, SYNC_OWNER } from './lease';
import { pollNewest } from './poll';
import { sweepMissing } from './sweep';
import { beginWalk, walkPage, type ReadAhead, type SyncDeps } from './walk';
import { pruneWebhooks, startWebhookWorker, stopWebhookWorker } from './webhook-worker';

const TICK_MS = 1000;
const PRUNE_EVERY_MS = 3_600_000;

type Loop = {
  timer: NodeJS.Timeout;
  running: Promise<void> | null;
  stopped: boolean;
  pauseUntil: number;
  failures: number;
};
// Per process by nature: this server's timers. What servers must agree on is in sync_state.
const state = globalThis as unknown as { __syncWorker?: Loop };

function message(e: unknown): string {
  if (e instanceof FlexError) return `Flex: ${e.message}${e.status ? ` (${e.status})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

/** Counts the failure where the admin page shows it, and logs it (one line, no customer data). */
export async function recordSyncError(e: unknown): Promise<void> {
  const throttled = e instanceof FlexError && e.status === 429;
  log.warn({ err: message(e) }, throttled ? 'sync: Flex answered 429; backing off' : 'sync: step failed');
  await sql`
    UPDATE sync_state SET errors = errors + ${throttled ? 0 : 1}, throttled = throttled + ${throttled ? 1 : 0},
      last_error = ${throttled ? null : message(e).slice(0, 500)},
      last_error_at = CASE WHEN ${throttled} THEN last_error_at ELSE clock_timestamp() END
    WHERE id = 1`
    .execute(await db())
    .catch(() => undefined);
}

/** One turn of the leader's work; returns when the walk is done, the lease is lost, or nothing is due. */
export async function syncTurn(deps: SyncDeps, isStopped: () => boolean = () => false): Promise<void> {
  if (!(await acquireSyncLease(deps.owner, undefined, deps.database))) return;
  const d = deps.database ?? (await db());
  const s = await d.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const { pollSeconds, fullHours } = getConfig().sync;
  const now = Date.now();
  if (!s.walk_running) {
    const fullDue =
      !s.first_backfill_done_at ||
      s.walk_requested_at !== null ||
      !s.last_full_done_at ||
      now - new Date(s.last_full_done_at).getTime() >= fullHours * 3_600_000;
    if (fullDue) {
      // Only the first backfill needs a count: later walks expect as many as the last one saw.
      const total = s.last_full_seen === null ? await estimateTotal(deps) : null;
      await beginWalk(deps, total);
    } else if (!s.last_poll_at || now - new Date(s.last_poll_at).getTime() >= pollSeconds * 1000) {
      await pollNewest(deps);
    }
  }
  const ahead: ReadAhead = { next: null };
  for (;;) {
    if (isStopped()) return;
    let outcome;
    try {
      outcome = await walkPage(deps, ahead);
    } catch (e) {
      if (e instanceof FlexError && e.status === 429) {
        deps.pacer.backOff(e.retryAfter ?? 1);
        await recordSyncError(e);
        continue; // the pacer holds every server back for Retry-After; then the same page again
      }
      throw e;
    }
    if (outcome === 'done') {
      const walkNo = (await d.selectFrom('sync_state').select('walk_no').executeTakeFirstOrThrow()).walk_no;
      log.info({ walkNo }, 'sync: full walk of Flex done');
      await sweepMissing(deps, walkNo);
    }
    if (outcome !== 'more') break;
  }
  if (!s.last_prune_at || now - new Date(s.last_prune_at).getTime() >= PRUNE_EVERY_MS) {
    await pruneWebhooks(d);
    await sql`UPDATE sync_state SET last_prune_at = clock_timestamp() WHERE id = 1`.execute(d);
  }
}

export function startSyncWorker(): void {
  if (state.__syncWorker) return;
  const deps: SyncDeps = { flex: backgroundFlex(), pacer: syncPacer(), owner: SYNC_OWNER };
  const loop: Loop = {
    timer: undefined as unknown as NodeJS.Timeout,
    running: null,
    stopped: false,
    pauseUntil: 0,
    failures: 0,
  };
  loop.timer = setInterval(() => {
    if (loop.running || loop.stopped || Date.now() < loop.pauseUntil) return;
    loop.running = syncTurn(deps, () => loop.stopped)
      .then(() => {
        loop.failures = 0;
      })
      .catch(async (e: unknown) => {
        // Flex down, or the database: try again later, backing off to a minute; the checkpoint is safe.
        loop.failures += 1;
        loop.pauseUntil = Date.now() + Math.min(60_000, 1000 * 2 ** loop.failures);
        await recordSyncError(e);
      })
      .finally(() => {
        loop.running = null;
      });
  }, TICK_MS);
  loop.timer.unref();
  state.__syncWorker = loop;
  startWebhookWorker();
}

/**
 * For a clean shutdown (the ops hook registry): stops this server's sync work, waits for the page in
 * flight to land, and hands the lease back so another server leads at once.
 */
export async function stopSyncWorker(): Promise<void> {
  const loop = state.__syncWorker;
  if (loop) {
    loop.stopped = true;
    clearInterval(loop.timer);
    await loop.running;
  }
  await stopWebhookWorker();
  await releaseSyncLease();
}
