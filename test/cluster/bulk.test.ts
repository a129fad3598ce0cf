// A bulk run survives the death of the server working on it: kill -9 mid-run, the other server of the
// cluster takes the run over when the lease runs out, and finishes it with no row written twice.
import { guessMapping, KEEP_BLANKS } from '@/lib/bulk/mapping';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callAction,
  flexList,
  PORT,
  query,
  sandboxAdmin,
  sandboxRequests,
  sessionCookie,
  sleep,
  startCluster,
  type Cluster,
} from './harness';

let cluster: Cluster;
let ops: string;

beforeAll(async () => {
  cluster = await startCluster(2);
  ops = await sessionCookie(cluster.pgUrl, 'ops@desk.test');
});
afterAll(async () => {
  await cluster?.stop();
});

type Status = { run: { state: string; fileHash: string }; counts: { byState: Record<string, number> } };
async function status(port: number, id: string): Promise<Status> {
  const r = await fetch(`http://localhost:${port}/bulk/${id}/status`, { headers: { Cookie: ops } });
  return (await r.json()) as Status;
}

describe('a bulk run and a dying server', () => {
  it('kill -9 of the server working on a run: the other server finishes it, no row written twice', async () => {
    const customers = (await flexList(100)).filter(
      (c) => c.shipping?.line1 && /^[A-Z]{2}$/.test(c.shipping.country),
    );
    const rows = customers.slice(0, 40);
    const csv = `customer_id,line2\n${rows.map((c, i) => `${c.customer_id},Dock ${i + 1}`).join('\n')}\n`;
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'dock.csv');
    form.set('mapping', JSON.stringify(guessMapping(['customer_id', 'line2'])));
    form.set('blanks', JSON.stringify(KEEP_BLANKS));
    form.set('reason', JSON.stringify({ code: 'data_cleanup', detail: '', ticket: '' }));
    const up = await fetch(`http://localhost:${PORT}/bulk/upload`, {
      method: 'POST',
      headers: { Cookie: ops, Origin: `http://localhost:${PORT}` },
      body: form,
    });
    const {
      value: { runId },
    } = (await up.json()) as { value: { runId: string } };
    expect(runId).toMatch(/^blk_/);
    let s = await status(PORT, runId);
    for (let i = 0; i < 120 && s.run.state !== 'planned'; i++) {
      await sleep(250);
      s = await status(PORT, runId);
    }
    expect(s.run.state).toBe('planned');

    // Every PATCH takes 400 ms at Flex, so the run is still going when its server dies.
    await sandboxAdmin('PUT', '/__sandbox/faults', {
      faults: [{ method: 'PATCH', kind: 'latency', ms: 400 }],
    });
    await sandboxAdmin('DELETE', '/__sandbox/requests');
    const confirm = await callAction(
      PORT,
      ops,
      `/bulk/${runId}`,
      { name: 'runCommand', file: 'app/bulk/[id]/actions.ts' },
      [runId, 'confirm', s.run.fileHash],
    );
    expect(confirm.result).toMatchObject({ ok: true });

    // Wait until some rows are written, then kill the server that holds the run's lease.
    let owner: string | null = null;
    for (let i = 0; i < 200; i++) {
      const [r] = await query<{ owner: string | null; done: number }>(
        cluster.pgUrl,
        `SELECT owner, (SELECT count(*)::int FROM bulk_item WHERE run_id = $1 AND state = 'done') AS done
           FROM bulk_run WHERE id = $1`,
        [runId],
      );
      if (r!.owner && r!.done >= 5) {
        owner = r!.owner;
        break;
      }
      await sleep(100);
    }
    expect(owner).not.toBeNull();
    const pid = Number(owner!.split(':')[1]);
    const victim = cluster.servers.find((x) => x.pid === pid);
    expect(victim, `the lease holder ${owner} is one of the cluster's servers`).toBeDefined();
    process.kill(pid, 'SIGKILL');
    const survivor = cluster.servers.find((x) => x.pid !== pid)!;

    // The survivor claims the run once the lease (15 s) runs out, resolves the rows left `sending`, finishes.
    for (let i = 0; i < 240 && s.run.state !== 'done'; i++) {
      await sleep(250);
      s = await status(survivor.port, runId);
    }
    expect(s.run.state).toBe('done');
    expect(s.counts.byState).toMatchObject({ done: 40, conflict: 0, failed: 0, sending: 0, planned: 0 });
    await sandboxAdmin('DELETE', '/__sandbox/faults');

    // Exactly one effective PATCH per row: a row whose PATCH had reached Flex was found applied, not resent.
    const patches = (await sandboxRequests()).filter((r) => r.method === 'PATCH' && r.status === 200);
    const perCustomer = new Map<string, number>();
    for (const p of patches) perCustomer.set(p.path, (perCustomer.get(p.path) ?? 0) + 1);
    expect([...perCustomer.values()].every((n) => n === 1)).toBe(true);
    expect(perCustomer.size).toBe(40);
    const audited = await query<{ n: number }>(
      cluster.pgUrl,
      `SELECT count(*)::int AS n FROM audit_log WHERE bulk_run_id = $1 AND outcome = 'pending'`,
      [runId],
    );
    expect(audited[0]!.n).toBeGreaterThanOrEqual(40);
    // Rows the dead server had sent were found applied, and their pending audit rows completed.
    const orphans = await query<{ n: number }>(
      cluster.pgUrl,
      `SELECT count(*)::int AS n FROM audit_log a WHERE a.bulk_run_id = $1 AND a.outcome = 'pending'
         AND NOT EXISTS (SELECT 1 FROM audit_log c WHERE c.completes_id = a.id)`,
      [runId],
    );
    expect(orphans[0]!.n).toBe(0);
  });
});
