// `npm run bench`: builds once, starts the app on the sandbox with 50 ms of injected latency, signs in,
// measures, prints one table and writes bench/results.json. Then 2 servers behind the cluster proxy on the
// same PostgreSQL: 100 concurrent saves, and the RSS of each server and of PostgreSQL. It asserts nothing.
// Memory is sampled by a separate process; the floor is timed again with no sampler to show it costs
// nothing. The 1,000-row bulk run is `npm run bench:bulk`.
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright';
import pg from 'pg';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { embeddedUrlFor } from '../scripts/pg-embedded';
import { clusterBench } from './cluster';
import { firstLoadJs } from './first-load';
import { auditedOnceSettled, pct, round, startApp, startSampler, waitForApp } from './measure';

const PORT = 3200;
const SANDBOX_PORT = 4210;
const BASE = `http://localhost:${PORT}`;
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const ADMIN_SECRET = 'bench-sandbox-admin-secret-01';
const KEY = 'fsk_test_bench_0123456789';
const DATA = path.resolve('bench/.tmp/data');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROUTES = ['/', '/login', '/customers/[id]', '/bulk/[id]'];

async function sandboxAdmin(method: string, p: string, body?: unknown) {
  await fetch(`${SANDBOX}${p}`, {
    method,
    headers: { 'x-sandbox-admin-secret': ADMIN_SECRET, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
}
async function flexApi(method: string, p: string, body?: unknown) {
  const r = await fetch(`${SANDBOX}/v1${p}`, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await r.json()) as { customer?: Record<string, unknown>; customers?: Record<string, unknown>[] };
}

async function main() {
  // First, so that a failure here costs no run: the round trips, counted by their test.
  const trips = roundTrips();
  const server = startApp(DATA, {
    PORT: String(PORT),
    FLEX_SANDBOX_PORT: String(SANDBOX_PORT),
    FLEX_SANDBOX_KEYS: KEY,
    FLEX_SANDBOX_ADMIN_SECRET: ADMIN_SECRET,
    FLEX_SANDBOX_RATE: '1000000',
  });
  // PostgreSQL: the postmaster and its backends. The app: every other process under the start script (the
  // sandbox runs in the start script itself). Sampled from a separate process: see measure.ts.
  let sampler: ReturnType<typeof startSampler> | undefined;
  try {
    await waitForApp(BASE, server);
    // Sampled once the app serves: a build that the start script may run first is not the app.
    sampler = startSampler([{ name: 'app', root: server.pid!, pg: DATA }]);
    await sandboxAdmin('PUT', '/__sandbox/faults', { faults: [], latencyMs: 50 });

    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Email').fill('admin@desk.test');
    await page.getByLabel('Password').fill('desk-demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const session = (await page.context().cookies()).find((c) => c.name === 'desk_session')!;
    const customers = (await flexApi('GET', '/customers?limit=100')).customers!;
    const target = customers.find((c) => (c.shipping as Record<string, string>).country === 'US')!;
    const targetId = target.customer_id as string;

    // From the build's manifests (the same reading the budget test makes): see first-load.ts.
    const js = Object.fromEntries(ROUTES.map((r) => [r, firstLoadJs(r)]));

    // Saves: from the click on "Save to Flex" to Flex's answer on screen, timed in the page.
    await page.goto(`${BASE}/customers/${targetId}`);
    const saves = await timeSaves(page, 30);
    const floor = await timeFloor(targetId, 30);

    // Server-rendered customer page vs direct sandbox GETs, 10 connections for 10 s each.
    const pageRun = await autocannon({
      url: `${BASE}/customers/${targetId}`,
      connections: 10,
      duration: 10,
      headers: { cookie: `${session.name}=${session.value}` },
    });
    const directRun = await autocannon({
      url: `${SANDBOX}/v1/customers/${targetId}`,
      connections: 10,
      duration: 10,
      headers: { authorization: `Bearer ${KEY}` },
    });

    // 50 concurrent saves to 50 different customers through the action, signed in.
    // Fresh copies: the timed saves above changed one of them.
    const fresh = (await flexApi('GET', '/customers?limit=50&offset=50')).customers!;
    const load = await concurrentSaves(page, fresh, `${session.name}=${session.value}`);
    const inside = await serverMemory(BASE);
    await browser.close();
    const [memory] = await sampler!.stop();
    // The floor again with no sampler at all: if the sampler cost the timing process anything, it shows here.
    const floorSamplerOff = await timeFloor(targetId, 30);

    const results = {
      date: new Date().toISOString(),
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
      },
      injectedLatencyMs: 50,
      firstLoadJsBytes: Object.fromEntries(Object.entries(js).map(([k, v]) => [k, v.bytes])),
      save: {
        n: saves.length,
        p50Ms: round(pct(saves, 50)),
        p95Ms: round(pct(saves, 95)),
        floorP50Ms: round(pct(floor, 50)),
        floorP95Ms: round(pct(floor, 95)),
        floorSamplerOffP50Ms: round(pct(floorSamplerOff, 50)),
        ratioP50: round(pct(saves, 50) / pct(floor, 50), 2),
      },
      customerPage: {
        appRps: round(pageRun.requests.average),
        sandboxRps: round(directRun.requests.average),
        ratio: round(pageRun.requests.average / directRun.requests.average, 3),
        appP50Ms: pageRun.latency.p50,
        appNon2xx: pageRun.non2xx,
        appErrors: pageRun.errors,
      },
      concurrentSaves: load,
      peakAppRssMiB: round((memory?.totalKb ?? 0) / 1024),
      peakAppRssByProcessMiB: Object.fromEntries(
        Object.entries(memory?.byProcess ?? {}).map(([k, v]) => [k, round(v / 1024)]),
      ),
      peakPostgresPssMiB: round((memory?.postgresKb ?? 0) / 1024),
      appServerMemoryAfterLoadMiB: inside,
      dbRoundTrips: trips,
      cluster: undefined as Awaited<ReturnType<typeof clusterBench>> | undefined,
    };
    server.kill('SIGINT');
    await new Promise((r) => server.once('exit', r));
    results.cluster = await clusterBench(PORT + 10, SANDBOX_PORT + 10);
    fs.writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
    printTable(results);
  } finally {
    await sampler?.stop();
    server.kill('SIGINT');
    await sleep(1000);
  }
}

/**
 * Where the app server's memory goes, as the server itself reports it on /metrics (prom-client's process
 * and V8 figures) right after the load: one reading, from outside, not a peak.
 */
async function serverMemory(base: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text);
    return m ? round(Number(m[1]) / 2 ** 20) : NaN;
  };
  const heapSpaces = [
    ...text.matchAll(/^nodejs_heap_space_size_used_bytes\{space="([a-z_]+)"\} ([0-9.e+]+)$/gm),
  ]
    .map(([, space, v]) => [space!, round(Number(v) / 2 ** 20)] as const)
    .filter(([, v]) => v >= 1);
  return {
    rss: read('process_resident_memory_bytes'),
    heapTotal: read('nodejs_heap_size_total_bytes'),
    heapUsed: read('nodejs_heap_size_used_bytes'),
    external: read('nodejs_external_memory_bytes'),
    ...Object.fromEntries(heapSpaces.map(([k, v]) => [`heap ${k}`, v])),
  };
}

/** The floor: what a save cannot beat, a GET and a PATCH from Node straight to the sandbox. */
async function timeFloor(id: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await flexApi('GET', `/customers/${id}`);
    await flexApi('PATCH', `/customers/${id}`, { customer: { employer: `Floor ${i}` } });
    out.push(performance.now() - t);
  }
  return out;
}

/** Database round trips of a page view and a save, counted at the pg client by their test. */
function roundTrips(): Record<string, number> {
  const out = path.resolve('bench/.tmp/round-trips.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(
    process.execPath,
    [path.resolve('node_modules/vitest/vitest.mjs'), 'run', 'lib/edits/round-trips.test.ts'],
    {
      env: { ...process.env, ROUND_TRIPS_REPORT: out },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error('the round-trip test failed');
  return JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, number>;
}

async function timeSaves(page: Page, n: number): Promise<number[]> {
  // t0: the click on "Save to Flex"; t1: Flex's answer (the new value) shown in "As Flex returned it".
  await page.evaluate(() => {
    const w = window as unknown as { __t0?: number; __t1?: number; __expect?: string };
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest('button')?.textContent?.includes('Save to Flex'))
          w.__t0 = performance.now();
      },
      true,
    );
    new MutationObserver(() => {
      const panel = document.querySelector('[aria-labelledby=returned-title]');
      if (w.__t0 && !w.__t1 && w.__expect && panel?.textContent?.includes(w.__expect))
        w.__t1 = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const value = `Bench ${i} ${Date.now()}`;
    await page.evaluate((v) => {
      const w = window as unknown as { __t0?: number; __t1?: number; __expect?: string };
      w.__t0 = undefined;
      w.__t1 = undefined;
      w.__expect = v;
    }, value);
    await page.getByLabel('Employer').fill(value);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Save to Flex' }).click();
    await page.waitForFunction(() => (window as unknown as { __t1?: number }).__t1 !== undefined, undefined, {
      timeout: 20_000,
    });
    const [t0, t1] = await page.evaluate(() => {
      const w = window as unknown as { __t0: number; __t1: number };
      return [w.__t0, w.__t1];
    });
    out.push(t1 - t0);
  }
  return out;
}

type Wire = Record<string, unknown> & { shipping: Record<string, string>; metadata: Record<string, unknown> };

function toFields(c: Wire) {
  const s = c.shipping;
  const shipping =
    s && s.line1
      ? {
          line1: s.line1,
          line2: s.line2 ?? '',
          city: s.city,
          state: s.state ?? '',
          postal_code: s.postal_code,
          country: s.country,
        }
      : null;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    first_name: str(c.first_name),
    last_name: str(c.last_name),
    email: str(c.email),
    phone: str(c.phone),
    employer: str(c.employer),
    shipping,
    metadata: c.metadata ?? {},
  };
}

async function concurrentSaves(page: Page, customers: Record<string, unknown>[], cookie: string) {
  // The action id, taken from one real save in the page.
  const first = customers[0] as Wire;
  await page.goto(`${BASE}/customers/${first.customer_id as string}`);
  let actionId = '';
  await page.route('**/customers/**', async (route) => {
    const id = route.request().headers()['next-action'];
    if (route.request().method() === 'POST' && id) {
      await route.abort(); // before it counts as captured (unrouting mid-handler could let it through)
      actionId = id;
    } else await route.continue();
  });
  await page.getByLabel('Employer').fill('capture');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Save to Flex' }).click();
  while (!actionId) await sleep(50);
  await page.unrouteAll();

  const times: number[] = [];
  const statuses: number[] = [];
  const ok: boolean[] = [];
  await Promise.all(
    (customers as Wire[]).map(async (c, i) => {
      const original = toFields(c);
      const values = {
        ...original,
        employer: `Load ${i}`,
        shipping: original.shipping ?? {
          line1: '',
          line2: '',
          city: '',
          state: '',
          postal_code: '',
          country: '',
        },
        metadata: JSON.stringify(original.metadata),
      };
      const t = performance.now();
      const res = await fetch(`${BASE}/customers/${c.customer_id as string}`, {
        method: 'POST',
        headers: {
          'Next-Action': actionId,
          'Content-Type': 'text/plain;charset=UTF-8',
          Accept: 'text/x-component',
          Origin: BASE,
          'Sec-Fetch-Site': 'same-origin',
          Cookie: cookie,
        },
        body: JSON.stringify([{ id: c.customer_id, original, values }]),
      });
      const text = await res.text();
      times.push(performance.now() - t);
      statuses.push(res.status);
      ok.push(text.includes('"ok":true'));
    }),
  );
  const client = new pg.Client({ connectionString: embeddedUrlFor(DATA) ?? '' });
  await client.connect();
  const audited = await auditedOnceSettled(
    async () =>
      Number(
        (
          await client.query<{ n: string }>(
            `SELECT COUNT(DISTINCT customer_id) AS n FROM audit_log WHERE action = 'customer.update' AND outcome = 'success' AND completes_id IS NOT NULL AND customer_id = ANY($1)`,
            [customers.map((c) => c.customer_id)],
          )
        ).rows[0]?.n ?? 0,
      ),
    ok.filter(Boolean).length,
  );
  await client.end();
  return {
    n: customers.length,
    saved: ok.filter(Boolean).length,
    http5xx: statuses.filter((s) => s >= 500).length,
    audited,
    p50Ms: round(pct(times, 50)),
    p95Ms: round(pct(times, 95)),
  };
}

function printTable(r: Record<string, unknown> & { [k: string]: never | unknown }) {
  const x = r as unknown as {
    date: string;
    machine: { cores: number; cpu: string; memoryGiB: number; node: string };
    firstLoadJsBytes: Record<string, number>;
    save: {
      n: number;
      p50Ms: number;
      p95Ms: number;
      floorP50Ms: number;
      floorP95Ms: number;
      floorSamplerOffP50Ms: number;
      ratioP50: number;
    };
    peakAppRssByProcessMiB: Record<string, number>;
    appServerMemoryAfterLoadMiB: Record<string, number>;
    dbRoundTrips: Record<string, number>;
    customerPage: { appRps: number; sandboxRps: number; ratio: number; appNon2xx: number };
    concurrentSaves: {
      n: number;
      saved: number;
      http5xx: number;
      audited: number;
      p50Ms: number;
      p95Ms: number;
    };
    peakAppRssMiB: number;
    peakPostgresPssMiB: number;
    cluster?: {
      servers: number;
      n: number;
      saved: number;
      http5xx: number;
      audited: number;
      p50Ms: number;
      p95Ms: number;
      peakAppRssMiB: number[];
      peakPostgresPssMiB: number;
    };
  };
  const kb = (b: number) => `${round(b / 1024)} KB`;
  const rows: [string, string][] = [
    [
      'machine',
      `${x.machine.cores} cores, ${x.machine.memoryGiB} GiB, Node ${x.machine.node}, ${x.machine.cpu}`,
    ],
    ...Object.entries(x.firstLoadJsBytes).map(
      ([route, b]) => [`first-load JS ${route} (gzip, from the build)`, kb(b)] as [string, string],
    ),
    [`save, click → answer on screen (n=${x.save.n})`, `p50 ${x.save.p50Ms} ms, p95 ${x.save.p95Ms} ms`],
    [
      'floor: GET + PATCH from Node to the sandbox',
      `p50 ${x.save.floorP50Ms} ms, p95 ${x.save.floorP95Ms} ms`,
    ],
    ['floor again, memory sampler off (p50)', `${x.save.floorSamplerOffP50Ms} ms`],
    ['save / floor (p50)', `${x.save.ratioP50}×`],
    [
      'customer page, server-rendered (10 conn, 10 s)',
      `${x.customerPage.appRps} req/s (non-2xx: ${x.customerPage.appNon2xx})`,
    ],
    ['direct sandbox GET (10 conn, 10 s)', `${x.customerPage.sandboxRps} req/s`],
    ['page / sandbox', `${x.customerPage.ratio}`],
    [
      `${x.concurrentSaves.n} concurrent saves, 50 customers`,
      `saved ${x.concurrentSaves.saved}, 5xx ${x.concurrentSaves.http5xx}, audited ${x.concurrentSaves.audited}, p50 ${x.concurrentSaves.p50Ms} ms, p95 ${x.concurrentSaves.p95Ms} ms`,
    ],
    ['peak app server RSS (start script and all under it)', `${x.peakAppRssMiB} MiB`],
    ...Object.entries(x.peakAppRssByProcessMiB).map(
      ([k, v]) => [`  of which ${k}`, `${v} MiB`] as [string, string],
    ),
    [
      'app server after the load, by its own /metrics',
      Object.entries(x.appServerMemoryAfterLoadMiB)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') + ' MiB',
    ],
    [
      'DB round trips: page view / save (session included)',
      `${x.dbRoundTrips.pageViewTotal} / ${x.dbRoundTrips.saveTotal}`,
    ],
    ['peak PostgreSQL memory (PSS, postmaster + backends)', `${x.peakPostgresPssMiB} MiB`],
    ...(x.cluster
      ? ([
          [
            `${x.cluster.n} concurrent saves through ${x.cluster.servers} servers`,
            `saved ${x.cluster.saved}, 5xx ${x.cluster.http5xx}, audited ${x.cluster.audited}, p50 ${x.cluster.p50Ms} ms, p95 ${x.cluster.p95Ms} ms`,
          ],
          ['peak RSS of each app server', x.cluster.peakAppRssMiB.map((m) => `${m} MiB`).join(', ')],
          ['peak PostgreSQL memory (PSS), 2 servers', `${x.cluster.peakPostgresPssMiB} MiB`],
        ] as [string, string][])
      : []),
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nFlex Customer Desk bench, ${x.date} (sandbox latency 50 ms)`);
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  console.log('\nWritten to bench/results.json');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
