// `npm run bench:sync`: the index sync against a sandbox seeded with 20,000 customers and held to Flex's
// real 25 requests/s (more when BENCH_SYNC_RATE asks for a faster walk). Prints the first backfill's pace against FLEX_SYNC_RATE (goal ≥ 90%) and the time from
// a change in Flex to its row in the index, by webhook (goal p95 ≤ 2 s). Writes bench/results-sync.json.
// Asserts nothing. BENCH_SYNC_RATE runs the walk at another FLEX_SYNC_RATE (default 10, the app's default).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { embeddedUrlFor } from '../scripts/pg-embedded';
import { pct, round, startApp, waitForApp } from './measure';

const PORT = Number(process.env.BENCH_SYNC_PORT ?? 3405);
const SANDBOX_PORT = Number(process.env.BENCH_SYNC_SANDBOX_PORT ?? 4405);
const BASE = `http://localhost:${PORT}`;
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const KEY = 'fsk_test_bench_sync_app';
const CHANGE_KEY = 'fsk_test_bench_sync_change';
const CUSTOMERS = 20_000;
const SYNC_RATE = Number(process.env.BENCH_SYNC_RATE ?? 10);
const FLEX_LIMIT = Math.max(25, SYNC_RATE * 2);
const CHANGES = 100;
const DATA = path.resolve('bench/.tmp/sync');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type SyncRow = {
  walk_running: boolean;
  walk_pages: number;
  walk_seen: number;
  walk_total_estimate: number | null;
  walk_started_at: Date | null;
  first_backfill_done_at: Date | null;
  throttled: number;
  errors: number;
};

export async function benchSync() {
  const server = startApp(DATA, {
    PORT: String(PORT),
    FLEX_SANDBOX_PORT: String(SANDBOX_PORT),
    FLEX_SANDBOX_KEYS: `${KEY},${CHANGE_KEY}`,
    FLEX_SANDBOX_RATE: String(FLEX_LIMIT), // Flex's 25/s, or more when the walk is run faster
    FLEX_SANDBOX_SEED_COUNT: String(CUSTOMERS),
    FLEX_RATE_LIMIT: String(FLEX_LIMIT),
    FLEX_SYNC_RATE: String(SYNC_RATE),
  });
  let client: pg.Client | undefined;
  try {
    await waitForApp(BASE, server);
    client = new pg.Client({ connectionString: embeddedUrlFor(DATA)! });
    await client.connect();
    const c = client;
    const state = async () => (await c.query<SyncRow>('SELECT * FROM sync_state WHERE id = 1')).rows[0]!;
    let s = await state();
    while (!s.first_backfill_done_at) {
      await sleep(500);
      s = await state();
    }
    const walkSeconds =
      (new Date(s.first_backfill_done_at).getTime() - new Date(s.walk_started_at!).getTime()) / 1000;
    const indexed = Number(
      (await c.query<{ n: string }>('SELECT count(*) AS n FROM customer_index WHERE deleted_at IS NULL'))
        .rows[0]!.n,
    );
    const backfill = {
      customers: indexed,
      totalEstimated: s.walk_total_estimate,
      pages: s.walk_pages,
      seconds: round(walkSeconds),
      requestsPerS: round(s.walk_pages / walkSeconds, 2),
      customersPerS: round(indexed / walkSeconds),
      syncRate: SYNC_RATE,
      ofSyncRate: round(s.walk_pages / walkSeconds / SYNC_RATE, 3),
      http429: s.throttled,
      errors: s.errors,
    };

    // A change in Flex → signed webhook → re-read (paced) → the index row: timed until the row shows it.
    const ids = (
      await c.query<{ id: string }>('SELECT id FROM customer_index ORDER BY id DESC LIMIT $1', [CHANGES])
    ).rows.map((r) => r.id);
    const latencies: number[] = [];
    for (const [i, id] of ids.entries()) {
      const employer = `Bench ${Date.now()} ${i}`;
      const t0 = performance.now();
      const res = await fetch(`${SANDBOX}/v1/customers/${id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${CHANGE_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ customer: { employer } }),
      });
      if (!res.ok) throw new Error(`PATCH ${id}: ${res.status}`);
      for (;;) {
        const r = await c.query<{ employer: string }>('SELECT employer FROM customer_index WHERE id = $1', [
          id,
        ]);
        if (r.rows[0]?.employer === employer) break;
        if (performance.now() - t0 > 30_000) throw new Error(`the change to ${id} never reached the index`);
        await sleep(10);
      }
      latencies.push(performance.now() - t0);
      await sleep(100); // one change at a time, like people, not a flood (the sandbox allows 25/s per key)
    }
    const webhook = {
      changes: latencies.length,
      p50Ms: round(pct(latencies, 50), 0),
      p95Ms: round(pct(latencies, 95), 0),
      maxMs: round(Math.max(...latencies), 0),
    };
    const results = {
      at: new Date().toISOString(),
      // A figure that moved a lot since the last run is first read against the machine's load.
      loadAverage: os.loadavg().map((l) => round(l, 2)),
      backfill,
      webhook,
    };
    console.log(
      `backfill  ${backfill.customers} customers in ${backfill.seconds} s: ${backfill.pages} pages, ${backfill.requestsPerS} requests/s = ${backfill.ofSyncRate} of FLEX_SYNC_RATE ${SYNC_RATE} (${backfill.customersPerS} customers/s), 429s: ${backfill.http429}, errors: ${backfill.errors}`,
    );
    console.log(
      `webhook   change in Flex → row in the index, ${webhook.changes} changes: p50 ${webhook.p50Ms} ms, p95 ${webhook.p95Ms} ms, max ${webhook.maxMs} ms`,
    );
    return results;
  } finally {
    await client?.end().catch(() => undefined);
    server.kill('SIGINT');
    await sleep(1500);
  }
}

if (process.argv[1]?.endsWith('sync.ts'))
  benchSync()
    .then((r) => fs.writeFileSync('bench/results-sync.json', `${JSON.stringify(r, null, 2)}\n`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
