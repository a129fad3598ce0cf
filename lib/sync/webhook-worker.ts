// Works the webhook queue on every server: claims events with SKIP LOCKED (no event is worked twice at
// once), re-reads each named customer from Flex once however many events name it (paced: an event is only a
// hint, since customers carry no version), stores what Flex answers or marks it deleted on a 404, and tells
// open pages what changed. A failed read is retried with growing delays, then given up to the next poll.
import 'server-only';
import { sql, type Kysely } from 'kysely';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';
import { FlexError } from '@/lib/flex/errors';
import type { FlexClient } from '@/lib/flex/client';
import { backgroundFlex } from '@/lib/flex/flex';
import { publishCustomerChanged } from '@/lib/live/publish';
import { log } from '@/lib/log/logger';
import { flexPacer, type Pacing } from '@/lib/pacing/shared-pacer';
import { indexCustomers, markIndexedDeleted } from '@/lib/search/index-store';
import { changedFields, type IndexedBefore } from './changed-fields';
import { SYNC_OWNER } from './lease';

const BATCH = 20;
const CLAIM_SECONDS = 30;
const MAX_ATTEMPTS = 8;
/** Kept at least 3 days (Flex retries for about a day), then pruned. */
export const KEEP_DAYS = 4;

export type WebhookDeps = { flex: FlexClient; pacer: Pacing; owner: string; database?: Kysely<DB> };

type Claimed = { id: string; customer_id: string | null; attempts: number };

async function claim(d: Kysely<DB>, owner: string): Promise<Claimed[]> {
  const r = await sql<Claimed>`
    UPDATE webhook_event SET state = 'working', claimed_by = ${owner}, attempts = attempts + 1,
      claimed_until = clock_timestamp() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id IN (
      SELECT id FROM webhook_event
      WHERE (state = 'queued' AND not_before <= clock_timestamp())
         OR (state = 'working' AND claimed_until < clock_timestamp())
      ORDER BY received_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING id, customer_id, attempts`.execute(d);
  return r.rows;
}

async function finish(d: Kysely<DB>, ids: string[], state: 'done' | 'failed', error: string | null) {
  await sql`
    UPDATE webhook_event SET state = ${state}, done_at = clock_timestamp(), error = ${error}, claimed_until = NULL
    WHERE id = ANY(${ids}::text[])`.execute(d);
}

async function later(d: Kysely<DB>, ids: string[], seconds: number, error: string) {
  await sql`
    UPDATE webhook_event SET state = 'queued', error = ${error}, claimed_until = NULL,
      not_before = clock_timestamp() + make_interval(secs => ${seconds})
    WHERE id = ANY(${ids}::text[])`.execute(d);
}

/** Re-reads one customer and stores the answer; what to do with the events that named it. */
async function refresh(deps: WebhookDeps, d: Kysely<DB>, customerId: string): Promise<void> {
  const before = (await d
    .selectFrom('customer_index')
    .select([
      'first_name',
      'last_name',
      'email',
      'phone',
      'employer',
      'city',
      'postal_code',
      'country',
      'metadata',
      'shipping',
      'deleted_at',
    ])
    .where('id', '=', customerId)
    .executeTakeFirst()) as (IndexedBefore & { deleted_at: Date | null }) | undefined;
  await deps.pacer.take();
  const askedAt = new Date();
  try {
    const c = await deps.flex.getCustomer(customerId);
    await indexCustomers([c], askedAt, d);
    const fields = before ? (before.deleted_at ? ['deleted'] : changedFields(before, c)) : [];
    if (fields.length > 0)
      await publishCustomerChanged({ customerId, fields, source: 'flex', at: askedAt.toISOString() }, d);
  } catch (e) {
    if (!(e instanceof FlexError && (e.status === 404 || e.kind === 'invalid_id'))) throw e;
    await markIndexedDeleted(customerId, askedAt, d);
    if (before && !before.deleted_at)
      await publishCustomerChanged(
        { customerId, fields: ['deleted'], source: 'flex', at: askedAt.toISOString() },
        d,
      );
  }
}

/** Works one batch of the queue; returns how many events it settled. */
export async function processWebhooks(deps: WebhookDeps): Promise<number> {
  const d = deps.database ?? (await db());
  const events = await claim(d, deps.owner);
  const byCustomer = new Map<string, Claimed[]>();
  for (const e of events) {
    if (!e.customer_id) continue;
    byCustomer.set(e.customer_id, [...(byCustomer.get(e.customer_id) ?? []), e]);
  }
  for (const [customerId, group] of byCustomer) {
    const ids = group.map((e) => e.id);
    try {
      await refresh(deps, d, customerId);
      await finish(d, ids, 'done', null);
    } catch (e) {
      const msg = e instanceof Error ? e.message.slice(0, 300) : String(e);
      const attempts = Math.max(...group.map((g) => g.attempts));
      if (e instanceof FlexError && e.status === 429) {
        deps.pacer.backOff(e.retryAfter ?? 1);
        await later(d, ids, Math.max(1, e.retryAfter ?? 1), msg);
      } else if (attempts >= MAX_ATTEMPTS) {
        log.warn({ customerId, err: msg }, 'webhook: re-read failed 8 times; left to the next poll or walk');
        await finish(d, ids, 'failed', msg);
      } else {
        log.warn({ customerId, attempts, err: msg }, 'webhook: re-read failed; trying again later');
        await later(d, ids, Math.min(300, 2 ** attempts), msg);
      }
    }
  }
  return events.length;
}

/** Deliveries older than KEEP_DAYS: a repeat that late is past any sender's retries. */
export async function pruneWebhooks(database?: Kysely<DB>): Promise<number> {
  const d = database ?? (await db());
  const r = await sql`
    DELETE FROM webhook_event WHERE received_at < clock_timestamp() - make_interval(days => ${KEEP_DAYS})
      AND state NOT IN ('queued', 'working')`.execute(d);
  return Number(r.numAffectedRows ?? 0);
}

type Loop = { timer: NodeJS.Timeout; running: Promise<void> | null; again: boolean; stopped: boolean };
const state = globalThis as unknown as { __webhookWorker?: Loop; __deskWebhookKick?: () => void };

export function startWebhookWorker(): void {
  if (state.__webhookWorker) return;
  const deps: WebhookDeps = { flex: backgroundFlex(), pacer: flexPacer(), owner: SYNC_OWNER };
  const loop: Loop = {
    timer: undefined as unknown as NodeJS.Timeout,
    running: null,
    again: false,
    stopped: false,
  };
  const run = () => {
    if (loop.stopped) return;
    if (loop.running) {
      loop.again = true;
      return;
    }
    loop.running = (async () => {
      do {
        loop.again = false;
        while (!loop.stopped && (await processWebhooks(deps)) > 0);
      } while (loop.again && !loop.stopped);
    })()
      .catch((e: unknown) =>
        log.warn({ err: e instanceof Error ? e.message : String(e) }, 'webhook worker: batch failed'),
      )
      .finally(() => {
        loop.running = null;
      });
  };
  loop.timer = setInterval(run, 1000);
  loop.timer.unref();
  state.__webhookWorker = loop;
  state.__deskWebhookKick = run;
}

export async function stopWebhookWorker(): Promise<void> {
  const loop = state.__webhookWorker;
  if (!loop) return;
  loop.stopped = true;
  clearInterval(loop.timer);
  await loop.running;
}
