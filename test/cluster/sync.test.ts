// The index sync on two servers: the background Flex traffic of both together keeps to FLEX_RATE_LIMIT
// (one pacer in PostgreSQL); a webhook delivered to both is worked once; one server leads the walk, and
// after `kill -9` of the leader mid-walk the other resumes from the checkpoint.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '@/lib/sync/webhook-verify';
import { flexList, query, sandboxAdmin, sandboxRequests, sleep, startCluster, type Cluster } from './harness';

const SECRET = `whsec_${crypto.randomBytes(24).toString('base64')}`;
const RATE_LIMIT = 8;
let cluster: Cluster;

beforeAll(async () => {
  // Read by `npm run cluster` and its servers: a sandbox big enough that a walk takes a while (30 pages at
  // 4 a second), a tight shared limit, and a known webhook secret.
  Object.assign(process.env, {
    FLEX_SANDBOX_SEED_COUNT: '3000',
    FLEX_SYNC_RATE: '4',
    FLEX_RATE_LIMIT: String(RATE_LIMIT),
    FLEX_WEBHOOK_SECRET: SECRET,
  });
  cluster = await startCluster(2);
});
afterAll(async () => {
  await cluster?.stop();
});

type State = {
  owner: string | null;
  walk_running: boolean;
  walk_no: number;
  walk_pages: number;
  walk_cursor: string | null;
};
const state = async () =>
  (
    await query<State>(
      cluster.pgUrl,
      'SELECT owner, walk_running, walk_no, walk_pages, walk_cursor FROM sync_state WHERE id = 1',
    )
  )[0]!;
const indexed = async () =>
  (
    await query<{ n: number }>(
      cluster.pgUrl,
      'SELECT count(*)::int AS n FROM customer_index WHERE deleted_at IS NULL',
    )
  )[0]!.n;

async function waitFor<T>(what: string, fn: () => Promise<T | null | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Starts a full walk now (as the admin page's button does) and waits until it runs. */
async function rewalk(): Promise<State> {
  await waitFor('no walk running', async () => !(await state()).walk_running);
  await query(cluster.pgUrl, 'UPDATE sync_state SET walk_requested_at = now() WHERE id = 1');
  return waitFor('the walk to start', async () => {
    const s = await state();
    return s.walk_running && s.walk_pages >= 2 ? s : null;
  });
}

function deliver(port: number, id: string, body: string) {
  const at = new Date();
  return fetch(`http://127.0.0.1:${port}/webhooks/flex`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signWebhook(SECRET, id, at, body),
    },
    body,
  });
}
const eventFor = (customer: { customer_id: string }) =>
  JSON.stringify({ type: 'customer.updated', timestamp: new Date().toISOString(), data: { customer } });

describe('the sync on two servers', () => {
  it('the background Flex calls of both servers together keep to FLEX_RATE_LIMIT', async () => {
    const customers = (await flexList(100)).slice(0, 80);
    await rewalk();
    await sandboxAdmin('DELETE', '/__sandbox/requests');
    // While the leader walks, both servers re-read customers for 80 webhooks (40 delivered to each).
    const answers = await Promise.all(
      customers.map((c, i) => deliver(cluster.servers[i % 2]!.port, `msg_rate_${i}`, eventFor(c))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await waitFor(
      'the webhooks to be worked',
      async () =>
        (
          await query<{ n: number }>(
            cluster.pgUrl,
            "SELECT count(*)::int AS n FROM webhook_event WHERE id LIKE 'msg_rate_%' AND state = 'done'",
          )
        )[0]!.n === 80,
    );
    const times = (await sandboxRequests())
      .filter((r) => r.method === 'GET' && r.path.startsWith('/v1/customers'))
      .map((r) => new Date(r.at).getTime())
      .sort((a, b) => a - b);
    expect(times.length).toBeGreaterThan(80);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(RATE_LIMIT + 1); // +1: a window may hold both of its ends' slots
  });

  it('one webhook delivered to both servers is worked once', async () => {
    const [c] = await flexList(1);
    await waitFor('no walk running', async () => !(await state()).walk_running);
    await sandboxAdmin('DELETE', '/__sandbox/requests');
    const body = eventFor(c!);
    const answers = await Promise.all(cluster.servers.map((s) => deliver(s.port, 'msg_twice', body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await waitFor(
      'the event to be worked',
      async () =>
        (
          await query<{ state: string }>(
            cluster.pgUrl,
            "SELECT state FROM webhook_event WHERE id = 'msg_twice'",
          )
        )[0]?.state === 'done',
    );
    await sleep(1500); // a second worker, had it taken the event too, would have read by now
    const reads = (await sandboxRequests()).filter((r) => r.path === `/v1/customers/${c!.customer_id}`);
    expect(reads).toHaveLength(1);
  });

  it('kill -9 of the walking leader: the other server resumes from the checkpoint', async () => {
    const walking = await rewalk();
    const pid = Number(walking.owner!.split(':')[1]);
    expect(cluster.servers.map((s) => s.pid)).toContain(pid);
    await sandboxAdmin('DELETE', '/__sandbox/requests');
    process.kill(pid, 'SIGKILL');
    const atKill = await state();
    const survivor = cluster.servers.find((s) => s.pid !== pid)!;
    const resumed = await waitFor('the other server to lead', async () => {
      const s = await state();
      return s.owner && !s.owner.includes(`:${pid}:`) ? s : null;
    });
    expect(resumed.owner).toContain(`:${survivor.pid}:`);
    expect(resumed.walk_no).toBe(walking.walk_no);
    await waitFor('the walk to finish', async () => !(await state()).walk_running, 90_000);
    // The survivor's walk picked up where the dead leader's checkpoint was: never from the newest again.
    const pages = (await sandboxRequests()).filter(
      (r) => r.method === 'GET' && r.path === '/v1/customers' && r.query.includes('limit=100'),
    );
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((r) => r.query.includes('starting_after='))).toBe(true);
    // Every page after the checkpoint at the kill was read at most twice (one in flight when it died).
    expect(pages.length).toBeLessThanOrEqual(31 - atKill.walk_pages + 1);
    expect(await indexed()).toBe(3000);
  });
});
