// Several app servers, one truth: two real app servers (`npm run cluster`) on the embedded PostgreSQL,
// driven at once. Real processes, real database, no mocks.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFormValues } from '@/lib/customers/schema';
import { editableFields, type Customer } from '@/lib/customers/types';
import {
  callAction,
  flexGet,
  flexList,
  PORT,
  query,
  sandboxAdmin,
  save,
  sessionCookie,
  sleep,
  startCluster,
  type Cluster,
} from './harness';

let cluster: Cluster;
let admin: string;
const fields = (c: Customer) => editableFields(c);
const form = (c: Customer, change: Record<string, unknown>) => ({
  ...toFormValues(fields(c)),
  ...change,
});

beforeAll(async () => {
  cluster = await startCluster(2);
  admin = await sessionCookie(cluster.pgUrl, 'admin@desk.test');
});
afterAll(async () => {
  await cluster?.stop();
});

async function advisoryLocks(): Promise<number> {
  const [r] = await query<{ n: number }>(
    cluster.pgUrl,
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`,
  );
  return r!.n;
}

describe('two app servers on one PostgreSQL', () => {
  it('the proxy spreads requests over both servers, and a session made on one works on the other', async () => {
    for (const port of [PORT, ...cluster.servers.map((s) => s.port)]) {
      const r = await fetch(`http://localhost:${port}/`, { headers: { Cookie: admin }, redirect: 'manual' });
      expect(r.status, `port ${port}`).toBe(200);
    }
  });

  it('an account disabled on one server is refused on the other at its next request', async () => {
    const ops = await sessionCookie(cluster.pgUrl, 'ops@desk.test');
    const [a, b] = cluster.servers as [{ port: number; pid: number }, { port: number; pid: number }];
    const home = () =>
      fetch(`http://localhost:${b.port}/`, { headers: { Cookie: ops }, redirect: 'manual' }).then(
        (r) => r.status,
      );
    expect(await home()).toBe(200);
    const [staff] = await query<{ id: string }>(
      cluster.pgUrl,
      `SELECT id FROM staff WHERE email = 'ops@desk.test'`,
    );
    const r = await callAction(
      a.port,
      admin,
      '/staff',
      { name: 'changeStaff', file: 'app/staff/actions.ts' },
      [{ id: staff!.id, kind: 'disable' }],
    );
    expect(r.result).toMatchObject({ ok: true });
    expect(await home()).toBe(307); // to the sign-in page
    const [c] = await flexList(1);
    const refused = await save(b.port, ops, c!.customer_id, fields(c!), form(c!, { employer: 'disabled' }));
    expect(refused.result?.ok).toBe(false);
  });

  it('race: 1,000 random interleavings of saves through both servers lose no update', async () => {
    const ids = (await flexList(5)).map((c) => c.customer_id);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let saved = 0;
    let conflicts = 0;
    const failures: string[] = [];
    // One lane per customer, the lanes at once; in each round 2–4 writers, alternating between the servers.
    await Promise.all(
      ids.map(async (id, lane) => {
        for (let round = 0; round < 200; round++) {
          const initial = (await flexGet(id)).employer;
          const writers = 2 + Math.floor(rand() * 3);
          const first = Math.floor(rand() * 2);
          const results = await Promise.all(
            Array.from({ length: writers }, async (_, k) => {
              await sleep(Math.floor(rand() * 4));
              const original = await flexGet(id);
              const token = `r${lane}-${round}-${k}`;
              const port = cluster.servers[(first + k) % 2]!.port;
              const a = await save(port, admin, id, fields(original), form(original, { employer: token }));
              return { token, seen: original.employer, a };
            }),
          );
          // The successful writes must form one chain from the initial value: each on top of what its
          // author saw. Two successes on top of the same value would be a lost update.
          const ok = results.filter((w) => w.a.result?.ok);
          conflicts += results.filter((w) => w.a.result?.kind === 'conflict').length;
          for (const w of results)
            if (!w.a.result?.ok && w.a.result?.kind !== 'conflict')
              failures.push(`${w.token}: ${w.a.status} ${JSON.stringify(w.a.result)}`);
          saved += ok.length;
          let current = initial;
          const left = [...ok];
          while (left.length) {
            const i = left.findIndex((w) => w.seen === current);
            if (i < 0) {
              failures.push(
                `lane ${lane} round ${round}: lost update: ${JSON.stringify(left.map((w) => [w.token, w.seen]))} after ${current}`,
              );
              break;
            }
            current = left.splice(i, 1)[0]!.token;
          }
          const final = (await flexGet(id)).employer;
          if (final !== current)
            failures.push(`lane ${lane} round ${round}: Flex has ${final}, expected ${current}`);
        }
      }),
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(saved).toBeGreaterThanOrEqual(1000); // every round saves at least once
    expect(conflicts).toBeGreaterThan(0);
    await expect.poll(advisoryLocks, { timeout: 5000 }).toBe(0); // freed once the work after an answer ends
  }, 600_000);

  it('2 servers × 200 concurrent audit appends: the chain verifies, no gaps, no fork', async () => {
    const viewer = await sessionCookie(cluster.pgUrl, 'viewer@desk.test');
    const [c] = await flexList(1);
    const [{ n: before }] = (await query<{ n: number }>(
      cluster.pgUrl,
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('customer.update.denied', 'access.denied')`,
    )) as [{ n: number }];
    // A viewer's save is refused (saving needs customer.edit) and audited: an append on every request, from
    // both servers at once.
    const answers = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        save(
          cluster.servers[i % 2]!.port,
          viewer,
          c!.customer_id,
          fields(c!),
          form(c!, { employer: `v${i}` }),
        ),
      ),
    );
    expect(answers.filter((a) => a.result?.kind !== 'forbidden')).toEqual([]);
    const [stats] = await query<{ n: number; max: number; denied: number; forks: number }>(
      cluster.pgUrl,
      `SELECT count(*)::int AS n, max(id) AS max,
              count(*) FILTER (WHERE action IN ('customer.update.denied', 'access.denied'))::int AS denied,
              (SELECT count(*)::int FROM (SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING count(*) > 1) f) AS forks
       FROM audit_log`,
    );
    expect(stats!.denied - before).toBe(400);
    expect(stats!.max).toBe(stats!.n); // ids 1..n: no gaps
    expect(stats!.forks).toBe(0);
    const verify = await promisify(execFile)(
      process.execPath,
      [require.resolve('tsx/cli'), '--conditions=react-server', 'scripts/audit-verify.ts'],
      { env: { ...process.env, DATABASE_URL: cluster.pgUrl, DATA_DIR: cluster.dir } },
    );
    expect(verify.stdout).toMatch(/Audit trail intact: \d+ rows/);
  });

  it('PostgreSQL restarted mid-run: both servers reconnect and serve, no session is lost', async () => {
    const support = await sessionCookie(cluster.pgUrl, 'support@desk.test');
    const home = (port: number) =>
      fetch(`http://localhost:${port}/`, { headers: { Cookie: support }, redirect: 'manual' }).then(
        (r) => r.status,
      );
    for (const s of cluster.servers) expect(await home(s.port)).toBe(200);

    // Restart the server as an operator would: a fast shutdown, then the same postmaster again.
    const pidFile = path.join(cluster.dir, 'pg', 'postmaster.pid');
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const { uid, gid } = fs.statSync(path.join(cluster.dir, 'pg'));
    process.kill(pid, 'SIGINT');
    while (fs.existsSync(`/proc/${pid}`)) await sleep(50);
    const during = await Promise.all(cluster.servers.map((s) => home(s.port).catch(() => 0)));
    expect(during.every((s) => s !== 200)).toBe(true); // it really was down
    spawn(argv[0]!, argv.slice(1), { uid, gid, detached: true, stdio: 'ignore' }).unref();

    for (const s of cluster.servers) {
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = await home(s.port).catch(() => 0);
        if (status !== 200) await sleep(200);
      }
      expect(status, `server ${s.port} after the restart`).toBe(200); // 200, not a redirect to sign-in
    }
    const [c] = await flexList(1);
    const fresh = await flexGet(c!.customer_id);
    const a = await save(
      cluster.servers[1]!.port,
      admin,
      fresh.customer_id,
      fields(fresh),
      form(fresh, { employer: 'after restart' }),
    );
    expect(a.result?.ok).toBe(true);
  });

  it('kill -9 of the server holding a customer’s lock: the lock frees, the other server saves, the pending row is reconciled', async () => {
    const [, c] = await flexList(2);
    const id = c!.customer_id;
    const [victim, survivor] = cluster.servers as [
      { port: number; pid: number },
      { port: number; pid: number },
    ];
    const before = await flexGet(id);
    await sandboxAdmin('PUT', '/__sandbox/faults', {
      faults: [{ method: 'PATCH', path: `/v1/customers/${id}`, kind: 'latency', ms: 8000, times: 1 }],
    });
    const doomed = save(
      victim.port,
      admin,
      id,
      fields(before),
      form(before, { employer: 'from the killed server' }),
    ).catch((e: unknown) => e);
    let pending: { id: number }[] = [];
    for (let i = 0; i < 100 && pending.length === 0; i++) {
      await sleep(50);
      pending = await query<{ id: number }>(
        cluster.pgUrl,
        `SELECT id FROM audit_log WHERE customer_id = $1 AND outcome = 'pending' AND action = 'customer.update'
           AND NOT EXISTS (SELECT 1 FROM audit_log c WHERE c.completes_id = audit_log.id)`,
        [id],
      );
    }
    expect(pending.length).toBe(1); // the PATCH is in flight at the sandbox, the pending row in view
    expect(await advisoryLocks()).toBe(1);

    process.kill(victim.pid, 'SIGKILL');
    await doomed;
    const t = performance.now();
    const current = await flexGet(id);
    const a = await save(
      survivor.port,
      admin,
      id,
      fields(current),
      form(current, { last_name: 'Saved after the kill' }),
    );
    expect(a.result).toMatchObject({ ok: true });
    expect(performance.now() - t).toBeLessThan(4000); // not waiting out the 8 s PATCH or a lock timeout

    const completion = await query<{ outcome: string; detail: string }>(
      cluster.pgUrl,
      'SELECT outcome, detail FROM audit_log WHERE completes_id = $1',
      [pending[0]!.id],
    );
    expect(completion).toHaveLength(1);
    expect(completion[0]!.detail).toMatch(/reconciled by the next save/);
    await expect.poll(advisoryLocks, { timeout: 5000 }).toBe(0); // freed once the work after an answer ends
    await sandboxAdmin('DELETE', '/__sandbox/faults');
  });
});
