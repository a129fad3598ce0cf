// The one pacer of background Flex traffic (bulk runs, the index sync, webhook re-reads) across every
// server: each call reserves its slot in a row of PostgreSQL, on the database's clock, so all servers
// together keep to FLEX_RATE_LIMIT, and a 429's Retry-After holds every server back, not only the one
// that got it. A lane may also have a slower rate of its own (the sync's FLEX_SYNC_RATE).
import 'server-only';
import { sql, type Kysely } from 'kysely';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';
import { log } from '@/lib/log/logger';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a paced caller needs: wait for a slot; after a 429, hold everyone back. */
export type Pacing = { take(): Promise<void>; backOff(seconds: number): void };

export type Lane = { name: string; perSecond: number };

/** The lane every background call takes, at FLEX_RATE_LIMIT. */
export const FLEX_LANE = 'flex';

/** Evenly spaced slots (no bursts, which a per-second limit answers with 429s), with a 2% margin for jitter. */
export function intervalMs(perSecond: number): number {
  return (1000 / perSecond) * 1.02;
}

export class SharedPacer implements Pacing {
  constructor(
    private readonly lanes: Lane[],
    private readonly database?: Kysely<DB>,
  ) {}

  private async d(): Promise<Kysely<DB>> {
    return this.database ?? (await db());
  }

  /** Reserves the next slot of one lane; answers how long to wait for it, by the database's clock. */
  private async reserve(lane: Lane): Promise<number> {
    const gap = intervalMs(lane.perSecond) / 1000;
    const r = await sql<{ wait_ms: number }>`
      INSERT INTO flex_pacer AS p (name, next_at, requests)
      VALUES (${lane.name}, clock_timestamp() + make_interval(secs => ${gap}), 1)
      ON CONFLICT (name) DO UPDATE
        SET next_at = GREATEST(p.next_at, clock_timestamp()) + make_interval(secs => ${gap}),
            requests = p.requests + 1
      RETURNING GREATEST(0, EXTRACT(EPOCH FROM (p.next_at - make_interval(secs => ${gap}) - clock_timestamp())) * 1000)::float8 AS wait_ms`.execute(
      await this.d(),
    );
    return Number(r.rows[0]?.wait_ms ?? 0);
  }

  async take(): Promise<void> {
    for (const lane of this.lanes) {
      const wait = await this.reserve(lane);
      if (wait > 0) await sleep(wait);
    }
  }

  /** Flex said 429: no server calls again before Retry-After (at least a second). */
  backOff(seconds: number): void {
    void this.holdUntil(Math.max(1, seconds)).catch((e: unknown) =>
      log.warn({ err: e instanceof Error ? e.message : String(e) }, 'pacer back-off not recorded'),
    );
  }

  async holdUntil(seconds: number): Promise<void> {
    await sql`
      INSERT INTO flex_pacer AS p (name, next_at) VALUES (${FLEX_LANE}, clock_timestamp() + make_interval(secs => ${seconds}))
      ON CONFLICT (name) DO UPDATE SET next_at = GREATEST(p.next_at, clock_timestamp() + make_interval(secs => ${seconds}))`.execute(
      await this.d(),
    );
  }
}

/** The pacer of bulk runs and webhook re-reads: FLEX_RATE_LIMIT across all servers. */
export function flexPacer(database?: Kysely<DB>): SharedPacer {
  return new SharedPacer([{ name: FLEX_LANE, perSecond: getConfig().flexRateLimit }], database);
}

/** The sync walk's pacer: FLEX_SYNC_RATE, and within FLEX_RATE_LIMIT with everything else. */
export function syncPacer(database?: Kysely<DB>): SharedPacer {
  const c = getConfig();
  return new SharedPacer(
    [
      { name: 'sync', perSecond: c.sync.rate },
      { name: FLEX_LANE, perSecond: c.flexRateLimit },
    ],
    database,
  );
}
