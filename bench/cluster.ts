// The several-servers part of the bench: `npm run cluster` with 2 app servers behind the proxy on the
// embedded PostgreSQL, 100 concurrent saves to 100 customers through the proxy, and the RSS of each app
// server and of PostgreSQL while it runs.
import fs from 'node:fs';
import path from 'node:path';
import { toFormValues } from '@/lib/customers/schema';
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
import { descendants, pct, pssKb, round, rssKb } from './measure';

export async function clusterBench(port: number, sandboxPort: number) {
  setPorts(port, sandboxPort);
  const cluster = await startCluster(2);
  try {
    const pgPid = Number(
      fs.readFileSync(path.join(cluster.dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const peak = { apps: cluster.servers.map(() => 0), pg: 0 };
    const sample = () => {
      cluster.servers.forEach(
        (s, i) => (peak.apps[i] = Math.max(peak.apps[i]!, rssKb([s.pid, ...descendants(s.pid)]))),
      );
      peak.pg = Math.max(peak.pg, pssKb([pgPid, ...descendants(pgPid)]));
    };
    const sampler = setInterval(sample, 100);
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
    sample();
    clearInterval(sampler);
    const [audited] = await query<{ n: number }>(
      cluster.pgUrl,
      `SELECT count(DISTINCT customer_id)::int AS n FROM audit_log
       WHERE action = 'customer.update' AND outcome = 'success' AND completes_id IS NOT NULL`,
    );
    return {
      servers: cluster.servers.length,
      n: customers.length,
      saved: answers.filter((a) => a.result?.ok).length,
      http5xx: answers.filter((a) => a.status >= 500).length,
      audited: audited!.n,
      p50Ms: round(pct(times, 50)),
      p95Ms: round(pct(times, 95)),
      peakAppRssMiB: peak.apps.map((k) => round(k / 1024)),
      peakPostgresPssMiB: round(peak.pg / 1024),
    };
  } finally {
    await cluster.stop();
  }
}
