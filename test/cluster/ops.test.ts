// Running it for real, on `npm run cluster` with three app servers: one build served by all, health and
// metrics without a session, and a stop in order: SIGTERM during a save (it completes and is audited) and
// during a bulk run (another server carries on within 2 s, no row written twice).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guessMapping, KEEP_BLANKS } from '@/lib/bulk/mapping';
import { toFormValues } from '@/lib/customers/schema';
import { editableFields, type Customer } from '@/lib/customers/types';
import { ensureBuild } from '../../scripts/build';
import { readStamp } from '../../scripts/build-stamp';
import {
  callAction,
  flexGet,
  flexList,
  PORT,
  query,
  sandboxAdmin,
  sandboxRequests,
  save,
  sessionCookie,
  sleep,
  startCluster,
  type Cluster,
} from './harness';

let cluster: Cluster;
let admin: string;
let ops: string;
let buildId: string;
let builtAt: string;

const form = (c: Customer, change: Record<string, unknown>) => ({
  ...toFormValues(editableFields(c)),
  ...change,
});
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function exitWithin(pid: number, ms: number): Promise<number> {
  const t0 = performance.now();
  while (alive(pid) && performance.now() - t0 < ms) await sleep(50);
  return performance.now() - t0;
}

beforeAll(async () => {
  // `npm run build`'s work when the build is stale; then the cluster must serve exactly that build.
  ensureBuild(() => {});
  buildId = fs.readFileSync(path.join('.next', 'BUILD_ID'), 'utf8');
  builtAt = readStamp()!.builtAt;
  cluster = await startCluster(3);
  admin = await sessionCookie(cluster.pgUrl, 'admin@desk.test');
  ops = await sessionCookie(cluster.pgUrl, 'ops@desk.test');
});
afterAll(async () => {
  await sandboxAdmin('DELETE', '/__sandbox/faults').catch(() => {});
  await cluster?.stop();
});

describe('one build, health and metrics', () => {
  it('the cluster serves the build `npm run build` made, without building again', () => {
    expect(cluster.output()).toContain(`Serving the build of ${builtAt}`);
    expect(cluster.output()).not.toContain('Building the app');
    expect(fs.readFileSync(path.join('.next', 'BUILD_ID'), 'utf8')).toBe(buildId);
  });

  it('/livez and /readyz answer without a session, in one word', async () => {
    for (const s of cluster.servers) {
      const live = await fetch(`http://127.0.0.1:${s.port}/livez`, { redirect: 'manual' });
      expect([live.status, await live.text()]).toEqual([200, 'ok\n']);
      const ready = await fetch(`http://127.0.0.1:${s.port}/readyz`, { redirect: 'manual' });
      expect([ready.status, await ready.text()]).toEqual([200, 'ok\n']);
    }
  });

  it('/metrics from this machine: request latency by route, saves, Flex calls, pool use', async () => {
    const [c] = await flexList(1);
    const s = cluster.servers[0]!;
    const r = await save(
      s.port,
      admin,
      c!.customer_id,
      editableFields(c!),
      form(c!, { employer: 'metrics' }),
    );
    expect(r.result?.ok).toBe(true);
    // A client's own peer stamp is replaced by the server's (and would not carry the server's secret).
    const m = await fetch(`http://127.0.0.1:${s.port}/metrics`, {
      headers: { 'x-desk-peer': 'guessed-secret 203.0.113.9 http' },
    });
    expect(m.status).toBe(200);
    const text = await m.text();
    expect(text).toMatch(
      /desk_http_request_duration_seconds_count\{route="\/customers\/\[id\]",method="POST",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /desk_http_request_duration_seconds_count\{route="\/readyz",method="GET",status="200"\} [1-9]/,
    );
    expect(text).toContain('desk_saves_total{outcome="saved"} 1');
    expect(text).toMatch(/desk_flex_requests_total\{method="PATCH",status="200"\} 1/);
    expect(text).toMatch(/desk_db_pool_connections\{pool="main",state="total"\} [1-9]/);
  });
});

describe('a server told to stop (SIGTERM)', () => {
  it('during a save: readiness fails, the save completes and is audited, the process exits within 10 s', async () => {
    const [, c] = await flexList(2);
    const id = c!.customer_id;
    const before = await flexGet(id);
    const victim = cluster.servers[2]!;
    await sandboxAdmin('PUT', '/__sandbox/faults', {
      faults: [{ method: 'PATCH', path: `/v1/customers/${id}`, kind: 'latency', ms: 2500, times: 1 }],
    });
    const saving = save(
      victim.port,
      admin,
      id,
      editableFields(before),
      form(before, { employer: 'during SIGTERM' }),
    );
    // Wait until the PATCH is in flight (its pending audit row is written just before).
    let pending = 0;
    for (let i = 0; i < 100 && pending === 0; i++) {
      await sleep(50);
      [{ n: pending }] = (await query<{ n: number }>(
        cluster.pgUrl,
        `SELECT count(*)::int AS n FROM audit_log WHERE customer_id = $1 AND outcome = 'pending'`,
        [id],
      )) as [{ n: number }];
    }
    expect(pending).toBe(1);
    process.kill(victim.pid, 'SIGTERM');
    const signalled = performance.now();
    await sleep(200);
    // Not ready any more: 503 "draining", or no new connection taken at all.
    const ready = await fetch(`http://127.0.0.1:${victim.port}/readyz`).then(
      async (r) => `${r.status} ${(await r.text()).trim()}`,
      () => 'refused',
    );
    expect(['503 draining', 'refused']).toContain(ready);

    const answer = await saving;
    expect(answer.result).toMatchObject({ ok: true });
    expect((await flexGet(id)).employer).toBe('during SIGTERM');
    // The completion row follows the answer (under the customer's lock): the stopping server still writes it.
    await expect
      .poll(
        async () =>
          (
            await query<{ outcome: string }>(
              cluster.pgUrl,
              `SELECT outcome FROM audit_log WHERE customer_id = $1 ORDER BY id`,
              [id],
            )
          ).map((r) => r.outcome),
        { timeout: 5000 },
      )
      .toEqual(['pending', 'success']);
    await exitWithin(victim.pid, 12_000);
    const ms = performance.now() - signalled;
    if (process.env.CLUSTER_TEST_FIGURES)
      process.stderr.write(
        `SIGTERM during a save: the server exited ${Math.round(ms)} ms after the signal` + '\n',
      );
    expect(alive(victim.pid)).toBe(false);
    expect(ms).toBeLessThan(10_000); // the issue's bound
  });

  it('during a bulk run: the lease is handed back and another server carries on within 2 s', async () => {
    const customers = (await flexList(100)).filter(
      (c) => c.shipping?.line1 && /^[A-Z]{2}$/.test(c.shipping.country),
    );
    const rows = customers.slice(10, 50);
    const csv = `customer_id,line2\n${rows.map((c, i) => `${c.customer_id},Bay ${i + 1}`).join('\n')}\n`;
    const body = new FormData();
    body.set('file', new Blob([csv], { type: 'text/csv' }), 'bay.csv');
    body.set('mapping', JSON.stringify(guessMapping(['customer_id', 'line2'])));
    body.set('blanks', JSON.stringify(KEEP_BLANKS));
    body.set('reason', JSON.stringify({ code: 'data_cleanup', detail: '', ticket: '' }));
    const up = await fetch(`http://localhost:${PORT}/bulk/upload`, {
      method: 'POST',
      headers: { Cookie: ops, Origin: `http://localhost:${PORT}` },
      body,
    });
    const {
      value: { runId },
    } = (await up.json()) as { value: { runId: string } };
    const runState = async () =>
      (
        await query<{ state: string; owner: string | null; file_hash: string; done: number }>(
          cluster.pgUrl,
          `SELECT state, owner, file_hash,
             (SELECT count(*)::int FROM bulk_item WHERE run_id = $1 AND state = 'done') AS done
           FROM bulk_run WHERE id = $1`,
          [runId],
        )
      )[0]!;
    let r = await runState();
    for (let i = 0; i < 240 && r.state !== 'planned'; i++) {
      await sleep(250);
      r = await runState();
    }
    expect(r.state).toBe('planned');

    await sandboxAdmin('PUT', '/__sandbox/faults', {
      faults: [{ method: 'PATCH', kind: 'latency', ms: 300 }],
    });
    await sandboxAdmin('DELETE', '/__sandbox/requests');
    const live = cluster.servers.filter((s) => alive(s.pid));
    const confirm = await callAction(
      live[0]!.port,
      ops,
      `/bulk/${runId}`,
      { name: 'runCommand', file: 'app/bulk/[id]/actions.ts' },
      [runId, 'confirm', r.file_hash],
    );
    expect(confirm.result).toMatchObject({ ok: true });
    for (let i = 0; i < 200 && !(r.owner && r.done >= 4); i++) {
      await sleep(100);
      r = await runState();
    }
    const pidOf = (owner: string | null) => Number(owner?.split(':')[1]);
    const victim = live.find((s) => s.pid === pidOf(r.owner));
    expect(victim, `the lease holder ${r.owner} is a live server`).toBeDefined();
    process.kill(victim!.pid, 'SIGTERM');
    const t0 = performance.now();
    let takenOverMs = -1;
    let handedBackMs = -1;
    for (let i = 0; i < 400; i++) {
      r = await runState();
      if (!r.owner && handedBackMs < 0) handedBackMs = performance.now() - t0;
      if (r.owner && pidOf(r.owner) !== victim!.pid) {
        takenOverMs = performance.now() - t0;
        break;
      }
      await sleep(25);
    }
    if (process.env.CLUSTER_TEST_FIGURES)
      process.stderr.write(
        `SIGTERM during a bulk run: lease handed back after ${Math.round(handedBackMs)} ms, another server took it over after ${Math.round(takenOverMs)} ms` +
          '\n',
      );
    expect(takenOverMs).toBeGreaterThanOrEqual(0);
    expect(takenOverMs).toBeLessThan(2000); // the issue's bound; a lease left to expire takes 15 s
    expect(await exitWithin(victim!.pid, 12_000)).toBeLessThan(10_000);

    for (let i = 0; i < 240 && r.state !== 'done'; i++) {
      await sleep(250);
      r = await runState();
    }
    expect(r.state).toBe('done');
    expect(r.done).toBe(rows.length);
    await sandboxAdmin('DELETE', '/__sandbox/faults');
    // One PATCH per row: rows in flight at the stop were finished by the stopping server, not sent again.
    const patches = (await sandboxRequests()).filter((p) => p.method === 'PATCH' && p.status === 200);
    const perCustomer = new Map<string, number>();
    for (const p of patches) perCustomer.set(p.path, (perCustomer.get(p.path) ?? 0) + 1);
    expect(perCustomer.size).toBe(rows.length);
    expect([...perCustomer.values()].every((n) => n === 1)).toBe(true);
  });
});
