// The several-servers part of the bench: `npm run cluster` with 2 app servers behind the proxy on the
// embedded PostgreSQL, 100 concurrent saves to 100 customers through the proxy, and the RSS of each app
// server and of PostgreSQL while it runs.
import { toFormValues } from '@/lib/customers/form-values';
import { editableFields } from '@/lib/customers/types';
import {
  flexList,
  query,
  sandboxAdmin,
  save,
  sessionCookie,
  startCluster,
  setPorts,
} from '../test/cluster/harness';
import { auditedOnceSettled, pct, round, startSampler } from './measure';

export async function clusterBench(port: number, sandboxPort: number) {
  setPorts(port, sandboxPort);
  const cluster = await startCluster(2);
  try {
    // Each app server's tree, and PostgreSQL (started by the cluster script), from another process.
    const sampler = startSampler([
      ...cluster.servers.map((s, i) => ({ name: `server ${i + 1}`, root: s.pid })),
      { name: 'postgres', root: process.pid, pg: cluster.dir },
    ]);
    await sandboxAdmin('PUT', '/__sandbox/faults', { faults: [], latencyMs: 50 });
    const cookie = await sessionCookie(cluster.pgUrl, 'admin@desk.test');
    const customers = await flexList(100);
    const times: number[] = [];
    const answers = await Promise.all(
      customers.map(async (c, i) => {
        const original = editableFields(c);
        const t = performance.now();
        const a = await save(port, cookie, c.customer_id, original, {
          ...toFormValues(original),
          employer: `Cluster load ${i}`,
        });
        times.push(performance.now() - t);
        return a;
      }),
    );
    const peaks = await sampler.stop();
    const saved = answers.filter((a) => a.result?.ok).length;
    const audited = await auditedOnceSettled(
      async () =>
        (
          await query<{ n: number }>(
            cluster.pgUrl,
            `SELECT count(DISTINCT customer_id)::int AS n FROM audit_log
             WHERE action = 'customer.update' AND outcome = 'success' AND completes_id IS NOT NULL`,
          )
        )[0]?.n ?? 0,
      saved,
    );
    return {
      servers: cluster.servers.length,
      n: customers.length,
      saved,
      http5xx: answers.filter((a) => a.status >= 500).length,
      audited,
      p50Ms: round(pct(times, 50)),
      p95Ms: round(pct(times, 95)),
      peakAppRssMiB: peaks.filter((p) => p.name !== 'postgres').map((p) => round(p.totalKb / 1024)),
      peakPostgresPssMiB: round((peaks.find((p) => p.name === 'postgres')?.postgresKb ?? 0) / 1024),
    };
  } finally {
    await cluster.stop();
  }
}
