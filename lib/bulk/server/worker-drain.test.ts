// A stopping server and a bulk run: once draining starts, the worker finishes the rows it has in flight, starts
// no more, and hands the run back at once (owner and lease cleared) for another server to pick up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, type Staff } from '@/lib/auth/staff';
import type { FlexClient } from '@/lib/flex/client';
import type { Sandbox } from '@/lib/flex-sandbox/server';
import { beginDrain, resetLifecycle } from '@/lib/lifecycle';
import { sandboxWithClient } from '@/test/sandbox';
import { confirmRun, startDryRun } from './commands';
import { guessMapping, KEEP_BLANKS } from '../mapping';
import { SharedPacer } from '@/lib/pacing/shared-pacer';
import { claimRun, getRun, runItems } from './runs';
import { workOn } from './worker';

const KEY = 'fsk_test_drain';
let sb: Sandbox;
let flex: FlexClient;
let ops: Staff;

beforeAll(async () => {
  ({ sb, flex } = await sandboxWithClient(KEY));
  ops = await createStaff({
    email: 'ops-drain@desk.test',
    displayName: 'Ops',
    role: 'ops',
    password: 'x'.repeat(16),
  });
});
afterAll(async () => {
  await sb.close();
});
afterEach(() => resetLifecycle());

describe('the bulk worker on a stopping server', () => {
  it('finishes the rows in flight, starts no more, and clears its lease at once', async () => {
    const customers = (await flex.listCustomers({ limit: 100 }))
      .filter((c) => c.shipping?.country === 'US' && c.shipping.state !== '')
      .slice(0, 24);
    const csv = `customer_id,line2\n${customers.map((c, i) => `${c.customer_id},Drain ${i}`).join('\n')}\n`;
    const dry = await startDryRun({
      staff: ops,
      testMode: true,
      fileName: 'drain.csv',
      bytes: new TextEncoder().encode(csv),
      mapping: guessMapping(['customer_id', 'line2']),
      blanks: KEEP_BLANKS,
      reason: { code: 'data_cleanup', detail: '', ticket: '' },
    });
    if (!dry.ok) throw new Error(dry.message);
    const pacer = new SharedPacer([{ name: 'test-bulk', perSecond: 1000 }]);
    await workOn((await getRun(dry.value.runId))!, { owner: 'planner', pacer, flex });
    const planned = (await getRun(dry.value.runId))!;
    expect(await confirmRun(planned.id, planned.fileHash, ops)).toMatchObject({ ok: true });

    // 16 Flex calls a second: the run takes a few seconds, and draining starts a quarter of a second in.
    const claimed = await claimRun('stopping-server', 15_000);
    expect(claimed?.id).toBe(planned.id);
    sb.requests.length = 0;
    const working = workOn(claimed!, {
      owner: 'stopping-server',
      pacer: new SharedPacer([{ name: 'test-bulk', perSecond: 16 }]),
      flex,
    });
    await new Promise((r) => setTimeout(r, 250));
    beginDrain();
    await working;

    const run = (await getRun(planned.id))!;
    expect(run.state).toBe('running');
    expect(run.owner).toBeNull();
    expect(run.leaseUntil).toBeNull();
    const items = await runItems(planned.id);
    const byState = (s: string) => items.filter((i) => i.state === s).length;
    expect(byState('sending')).toBe(0); // every row started was finished
    expect(byState('done')).toBeGreaterThan(0);
    expect(byState('planned')).toBeGreaterThan(0); // and no more were started
    // At most one PATCH per written row.
    expect(sb.requests.filter((r) => r.method === 'PATCH')).toHaveLength(byState('done'));

    // Another server picks it up at once and finishes it.
    resetLifecycle();
    const next = await claimRun('other-server', 15_000);
    expect(next?.id).toBe(planned.id);
    await workOn(next!, {
      owner: 'other-server',
      pacer: new SharedPacer([{ name: 'test-bulk', perSecond: 1000 }]),
      flex,
    });
    expect((await getRun(planned.id))!.state).toBe('done');
    expect((await runItems(planned.id)).every((i) => i.state === 'done')).toBe(true);
    expect(sb.requests.filter((r) => r.method === 'PATCH')).toHaveLength(customers.length);
  });
});
