// `npm run bench` (second part): a 1,000-row bulk correction against the sandbox held to its real rate limit
// (25 requests/s per key), with FLEX_RATE_LIMIT at the same 25/s. Prints the achieved request rate against the
// configured one, each phase's duration, the 429s Flex answered, and the app server's peak RSS. Asserts nothing.
import { guessMapping, KEEP_BLANKS } from '../lib/bulk/mapping';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { round, startApp, startSampler, waitForApp } from './measure';

const PORT = 3400;
const SANDBOX_PORT = 4410;
const BASE = `http://localhost:${PORT}`;
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const ADMIN_SECRET = 'bench-bulk-admin-secret-0001';
const KEY = 'fsk_test_bench_bulk_app';
const SEED_KEY = 'fsk_test_bench_bulk_seed';
const RATE = 25;
const ROWS = 1000;
const DATA = path.resolve('bench/.tmp/bulk');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Req = { method: string; status: number };
async function requests(): Promise<Req[]> {
  const r = await fetch(`${SANDBOX}/__sandbox/requests`, {
    headers: { 'x-sandbox-admin-secret': ADMIN_SECRET },
  });
  return ((await r.json()) as { requests: Req[] }).requests;
}
async function clearRequests() {
  await fetch(`${SANDBOX}/__sandbox/requests`, {
    method: 'DELETE',
    headers: { 'x-sandbox-admin-secret': ADMIN_SECRET },
  });
}
async function seedApi(method: string, p: string, body?: unknown): Promise<Record<string, unknown>> {
  for (;;) {
    const r = await fetch(`${SANDBOX}/v1${p}`, {
      method,
      headers: { Authorization: `Bearer ${SEED_KEY}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (r.status === 429) {
      await sleep(Number(r.headers.get('retry-after') ?? '1') * 1000);
      continue;
    }
    return (await r.json()) as Record<string, unknown>;
  }
}
type Status = {
  run: {
    state: string;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    throttled: number;
    fileHash: string;
  };
  counts: { total: number; byState: Record<string, number>; byKind: Record<string, number> };
};

export async function benchBulk() {
  const server = startApp(DATA, {
    PORT: String(PORT),
    FLEX_SANDBOX_PORT: String(SANDBOX_PORT),
    FLEX_SANDBOX_KEYS: `${KEY},${SEED_KEY}`,
    FLEX_SANDBOX_ADMIN_SECRET: ADMIN_SECRET,
    FLEX_SANDBOX_RATE: String(RATE),
    FLEX_RATE_LIMIT: String(RATE),
  });
  // The app: the start script and everything under it but PostgreSQL, sampled from another process.
  let sampler: ReturnType<typeof startSampler> | undefined;
  try {
    await waitForApp(BASE, server);
    // Sampled once the app serves: a build that the start script may run first is not the app.
    sampler = startSampler([{ name: 'app', root: server.pid!, pg: DATA }]);
    // 1,000 distinct customers with today's addresses: the seed's newest, and more made through the API.
    const ids: string[] = [];
    for (let offset = 0; offset < 150; offset += 50) {
      const page = (await seedApi('GET', `/customers?limit=50&offset=${offset}`)).customers as {
        customer_id: string;
        shipping: { country?: string };
      }[];
      ids.push(...page.filter((c) => c.shipping?.country === 'US').map((c) => c.customer_id));
    }
    process.stdout.write(`bench bulk: creating ${ROWS - ids.length} customers at ${RATE}/s…\n`);
    for (let i = ids.length; i < ROWS; i++) {
      const c = (
        await seedApi('POST', '/customers', {
          customer: {
            first_name: 'Bulk',
            last_name: `Bench ${i}`,
            email: `bulk.bench.${i}@example.com`,
            shipping: {
              line1: `${i} Main St`,
              line2: '',
              city: 'Austin',
              state: 'TX',
              postal_code: '78701',
              country: 'US',
            },
          },
        })
      ).customer as { customer_id: string };
      ids.push(c.customer_id);
    }
    const csv = `customer_id,line2\n${ids
      .slice(0, ROWS)
      .map((id, i) => `${id},Suite ${i}`)
      .join('\n')}\n`;

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Email').fill('ops@desk.test');
    await page.getByLabel('Password').fill('desk-demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const status = async (id: string) =>
      (await (await page.request.get(`${BASE}/bulk/${id}/status`)).json()) as Status;
    const waitFor = async (id: string, state: string) => {
      for (;;) {
        const s = await status(id);
        if (s.run.state === state) return s;
        await sleep(500);
      }
    };

    await clearRequests();
    const t0 = Date.now();
    const up = await page.request.post(`${BASE}/bulk/upload`, {
      headers: { Origin: BASE },
      multipart: {
        file: { name: 'bench.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
        mapping: JSON.stringify(guessMapping(['customer_id', 'line2'])),
        blanks: JSON.stringify(KEEP_BLANKS),
        reason: JSON.stringify({ code: 'data_cleanup', detail: 'bench', ticket: '' }),
      },
    });
    const {
      value: { runId },
    } = (await up.json()) as { value: { runId: string } };
    const planned = await waitFor(runId, 'planned');
    const dryS = (Date.now() - t0) / 1000;
    const dryReqs = await requests();

    await clearRequests();
    await page.goto(`${BASE}/bulk/${runId}`);
    await page.getByRole('button', { name: /^Apply: write/ }).click();
    const done = await waitFor(runId, 'done');
    const applyS = (Date.parse(done.run.finishedAt!) - Date.parse(done.run.startedAt!)) / 1000;
    const applyReqs = await requests();
    await browser.close();

    const rate = (reqs: Req[], s: number) => reqs.filter((r) => r.status !== 429).length / s;
    const [memory] = await sampler!.stop();
    const results = {
      rows: ROWS,
      configuredRate: RATE,
      dryRun: {
        seconds: round(dryS),
        requests: dryReqs.length,
        ratePerS: round(rate(dryReqs, dryS)),
        ofConfigured: round(rate(dryReqs, dryS) / RATE, 2),
        http429: dryReqs.filter((r) => r.status === 429).length,
        willChange: planned.counts.byKind.change,
      },
      apply: {
        seconds: round(applyS),
        requests: applyReqs.length,
        ratePerS: round(rate(applyReqs, applyS)),
        ofConfigured: round(rate(applyReqs, applyS) / RATE, 2),
        http429: applyReqs.filter((r) => r.status === 429).length,
        written: done.counts.byState.done,
        conflicts: done.counts.byState.conflict,
        failed: done.counts.byState.failed,
      },
      peakAppRssMiB: round((memory?.totalKb ?? 0) / 1024),
      peakByProcessMiB: Object.fromEntries(
        Object.entries(memory?.byProcess ?? {}).map(([k, v]) => [k, round(v / 1024)]),
      ),
    };
    console.log(`\nBulk run bench: ${ROWS} rows, sandbox and FLEX_RATE_LIMIT at ${RATE} requests/s`);
    console.log(
      `dry run   ${results.dryRun.seconds} s, ${results.dryRun.requests} requests, ${results.dryRun.ratePerS}/s = ${results.dryRun.ofConfigured} of the configured rate, 429s: ${results.dryRun.http429}`,
    );
    console.log(
      `apply     ${results.apply.seconds} s, ${results.apply.requests} requests, ${results.apply.ratePerS}/s = ${results.apply.ofConfigured} of the configured rate, 429s: ${results.apply.http429}; written ${results.apply.written}, conflicts ${results.apply.conflicts}, failed ${results.apply.failed}`,
    );
    console.log(
      `peak RSS under npm start ${results.peakAppRssMiB} MiB: ${Object.entries(results.peakByProcessMiB)
        .map(([k, v]) => `${k} ${v} MiB`)
        .join(', ')}`,
    );
    return results;
  } finally {
    await sampler?.stop();
    server.kill('SIGINT');
    await sleep(1000);
  }
}

if (process.argv[1]?.endsWith('bulk.ts'))
  benchBulk()
    .then((r) => fs.writeFileSync('bench/results-bulk.json', `${JSON.stringify(r, null, 2)}\n`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
