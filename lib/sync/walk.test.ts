// The walk against the sandbox over HTTP and the real app database: a backfill fills the index page by
// page; a leader that dies mid-walk is followed by another that resumes from the checkpoint (no page read
// twice, none skipped); a deleted cursor; a customer missing from two walks is marked deleted.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db as getDb } from '@/lib/db/database';
import type { FlexClient } from '@/lib/flex/client';
import type { Sandbox } from '@/lib/flex-sandbox/server';
import { SharedPacer } from '@/lib/pacing/shared-pacer';
import { sandboxWithClient } from '@/test/sandbox';
import { acquireSyncLease, releaseSyncLease } from './lease';
import { readSyncStatus } from './status';
import { syncTurn } from './worker';
import { beginWalk, walkPage, type SyncDeps } from './walk';

const KEY = 'fsk_test_sandbox';
let sb: Sandbox;
let flex: FlexClient;
const pacer = new SharedPacer([{ name: 'test', perSecond: 10_000 }]);
const deps = (owner: string): SyncDeps => ({ flex, pacer, owner });

beforeAll(async () => {
  ({ sb, flex } = await sandboxWithClient(KEY));
});
afterAll(async () => {
  await sb.close();
});
beforeEach(async () => {
  sb.reset();
  const d = await getDb();
  await sql`TRUNCATE customer_index, sync_seen, webhook_event`.execute(d);
  await sql`DELETE FROM sync_state`.execute(d);
  await sql`INSERT INTO sync_state (id) VALUES (1)`.execute(d);
});

const listRequests = () => sb.requests.filter((r) => r.method === 'GET' && r.path === '/v1/customers');
const indexed = async () =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM customer_index WHERE deleted_at IS NULL`.execute(
        await getDb(),
      )
    ).rows[0]!.n,
  );

describe('the backfill', () => {
  it('walks every customer newest to oldest, 100 a page with starting_after, and says so in the status', async () => {
    const total = sb.store.count('test');
    await syncTurn(deps('a'));
    expect(await indexed()).toBe(total);
    const walk = listRequests().filter((r) => r.query.includes('limit=100'));
    expect(walk).toHaveLength(Math.ceil((total + 1) / 100));
    expect(walk[0]!.query).not.toContain('starting_after');
    for (const r of walk.slice(1)) expect(r.query).toMatch(/starting_after=fcus_/);
    expect(walk.every((r) => !r.query.includes('offset'))).toBe(true);
    const s = await readSyncStatus();
    expect(s.firstBackfillDone).toBe(true);
    expect(s.indexed).toBe(total);
    expect(s.backfill.running).toBe(false);
  });

  it('a leader that dies mid-walk: the next resumes from the checkpoint, reading no page twice', async () => {
    expect(await acquireSyncLease('dead')).toBe(true);
    expect(await beginWalk(deps('dead'), null)).toBe(true);
    expect(await walkPage(deps('dead'))).toBe('more');
    const cursor = (await (await getDb()).selectFrom('sync_state').select('walk_cursor').executeTakeFirst())!
      .walk_cursor!;
    // Another server may not lead while the lease runs.
    expect(await acquireSyncLease('next')).toBe(false);
    // Time passes without renewal (the leader was killed): its lease runs out.
    await sql`UPDATE sync_state SET lease_until = clock_timestamp() - interval '1 second'`.execute(
      await getDb(),
    );
    sb.requests.length = 0;
    await syncTurn(deps('next'));
    expect(listRequests()[0]!.query).toContain(`starting_after=${cursor}`);
    expect(await indexed()).toBe(sb.store.count('test'));
    // The dead leader's late page does not land: its lease is gone.
    expect(await walkPage(deps('dead'))).toBe('idle');
  });

  it('a cursor deleted in Flex: the walk steps back to a newer customer and skips nothing', async () => {
    await acquireSyncLease('a');
    await beginWalk(deps('a'), null);
    await walkPage(deps('a'));
    const d = await getDb();
    const cursor = (await d.selectFrom('sync_state').select('walk_cursor').executeTakeFirst())!.walk_cursor!;
    sb.store.remove('test', cursor);
    await syncTurn(deps('a'));
    expect(await indexed()).toBe(sb.store.count('test') + 1); // the deleted one is still indexed
  });

  it('a customer missing from two full walks is read again and marked deleted on 404', async () => {
    await syncTurn(deps('a'));
    const victim = flexIdAt(5);
    sb.store.remove('test', victim);
    const d = await getDb();
    const walkAgain = async () => {
      await sql`UPDATE sync_state SET walk_requested_at = now()`.execute(d);
      await syncTurn(deps('a'));
    };
    await walkAgain();
    const row = () =>
      d.selectFrom('customer_index').select('deleted_at').where('id', '=', victim).executeTakeFirst();
    expect((await row())!.deleted_at).toBeNull(); // missing from one walk only
    await walkAgain();
    expect((await row())!.deleted_at).not.toBeNull();
    await releaseSyncLease('a');
  });
});

function flexIdAt(i: number): string {
  return sb.store.list('test', { limit: 100, offset: 0 })[i]!.customer_id;
}
