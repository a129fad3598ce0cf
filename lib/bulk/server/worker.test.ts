// A bulk run end to end at the engine level, against the sandbox over HTTP and the real app database:
// dry run, plan, apply through the save path, a conflict between dry run and apply, crash resolution at
// every point (property test), undo.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, type Staff } from '@/lib/auth/staff';
import type { Address } from '@/lib/customers/types';
import type { FlexClient } from '@/lib/flex/client';
import type { Sandbox } from '@/lib/flex-sandbox/server';
import { quietClient, sandboxWithClient } from '@/test/sandbox';
import { db as getDb } from '@/lib/db/database';
import { cancelRun, confirmRun, pauseRun, resumeRun, retryFailed, startDryRun, undoRun } from './commands';
import { giveCommand } from './direct';
import { guessMapping, KEEP_BLANKS } from '../mapping';
import { SharedPacer } from '@/lib/pacing/shared-pacer';
import { getRun, runCounts, runItems, type Run } from './runs';
import { resolveSending, workOn } from './worker';

const KEY = 'fsk_test_bulk';
let sb: Sandbox;
let flex: FlexClient;
let ops: Staff;
const w = () => ({
  owner: 'test-owner',
  pacer: new SharedPacer([{ name: 'test-bulk', perSecond: 1000 }]),
  flex,
});

beforeAll(async () => {
  ({ sb, flex } = await sandboxWithClient(KEY));
  ops = await createStaff({
    email: 'ops-bulk@desk.test',
    displayName: 'Ops',
    role: 'ops',
    password: 'x'.repeat(16),
  });
});
afterAll(async () => {
  await sb.close();
});

async function usCustomers(n: number, offset = 0) {
  const all = [
    ...(await flex.listCustomers({ limit: 100 })),
    ...(await flex.listCustomers({ limit: 100, offset: 100 })),
  ];
  // Today's records with a US address (ZIP codes are checked by pattern, so any state will do).
  return all.filter((c) => c.shipping?.country === 'US' && c.shipping.state !== '').slice(offset, offset + n);
}

async function dryRun(csv: string): Promise<Run> {
  const bytes = new TextEncoder().encode(csv);
  const header = csv.split('\n')[0]!.split(',');
  const r = await startDryRun({
    staff: ops,
    testMode: true,
    fileName: 'fix.csv',
    bytes,
    mapping: guessMapping(header),
    blanks: KEEP_BLANKS,
    reason: { code: 'carrier_correction', detail: '', ticket: 'ZD-9' },
  });
  if (!r.ok) throw new Error(r.message);
  const run = (await getRun(r.value.runId))!;
  await workOn(run, w());
  return (await getRun(r.value.runId))!;
}

describe('a bulk run', () => {
  it('plans, applies exactly the plan through the save path, and turns a change made meanwhile into a conflict', async () => {
    const [a, b, c] = await usCustomers(3);
    const csv = [
      'customer_id,city,zip',
      `${a!.customer_id},Sacramento,95814`,
      `${b!.customer_id},Sacramento,95814`,
      `${c!.customer_id},${c!.shipping!.city},`,
      'fcus_01HACM7FZ1084XB1GB6053VM0X,Oakland,94612',
      `${a!.customer_id.slice(0, -1)}Z,Oakland,1`,
    ].join('\n');
    const planned = await dryRun(csv);
    expect(planned.state).toBe('planned');
    const counts = await runCounts(planned.id);
    expect(counts.byKind).toMatchObject({ change: 2, same: 1, not_found: 2 });

    // Someone corrects b's address between the dry run and the apply.
    await flex.updateCustomer(b!.customer_id, {
      shipping: { ...b!.shipping!, city: 'Berkeley', postal_code: '94704' },
    });
    sb.requests.length = 0;
    expect(await confirmRun(planned.id, planned.fileHash, ops)).toEqual({
      ok: true,
      value: { runId: planned.id },
    });
    await workOn((await getRun(planned.id))!, w());
    const done = (await getRun(planned.id))!;
    expect(done.state).toBe('done');
    const items = await runItems(planned.id);
    expect(items.map((i) => [i.line, i.state])).toEqual([
      [2, 'done'],
      [3, 'conflict'],
      [4, 'skipped'],
      [5, 'skipped'],
      [6, 'skipped'],
    ]);
    expect((await flex.getCustomer(a!.customer_id)).shipping).toMatchObject({
      city: 'Sacramento',
      postal_code: '95814',
    });
    expect((await flex.getCustomer(b!.customer_id)).shipping).toMatchObject({ city: 'Berkeley' });
    expect(sb.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    // Every written row is audited with the run's id and the run's reason.
    const db = await getDb();
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('bulk_run_id', '=', planned.id)
      .execute();
    expect(audit.map((r) => r.outcome).sort()).toEqual(['conflict', 'pending', 'success']);
    expect(audit.every((r) => r.reason_code === 'carrier_correction' && r.ticket === 'ZD-9')).toBe(true);

    // Undo: a's address goes back; nothing else is touched.
    const undo = await undoRun(done, ops);
    if (!undo.ok) throw new Error(undo.message);
    const u = (await getRun(undo.value.runId))!;
    expect(u.state).toBe('planned');
    expect(await confirmRun(u.id, u.fileHash, ops)).toMatchObject({ ok: true });
    await workOn((await getRun(u.id))!, w());
    expect((await flex.getCustomer(a!.customer_id)).shipping).toEqual(a!.shipping);
  });

  it('after a crash at any point, every row ends done, conflict, failed or skipped, with at most one effective write', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('before', 'applied', 'other'), { minLength: 1, maxLength: 4 }),
        async (points) => {
          const customers = await usCustomers(points.length, 3);
          const csv = [
            'customer_id,line2',
            ...customers.map((c, i) => `${c.customer_id},Unit ${i}-${Date.now() % 1000}`),
          ].join('\n');
          const run = await dryRun(csv);
          await confirmRun(run.id, run.fileHash, ops);
          // The crash: every row left `sending`, with Flex in the state the crash point leaves it in.
          const db = await getDb();
          await db.updateTable('bulk_item').set({ state: 'sending' }).where('run_id', '=', run.id).execute();
          const items = await runItems(run.id);
          for (const [i, item] of items.entries()) {
            const point = points[i]!;
            if (point === 'applied')
              await flex.updateCustomer(item.customerId, { shipping: item.after as Address });
            if (point === 'other')
              await flex.updateCustomer(item.customerId, {
                shipping: { ...(item.before as Address), line1: 'Someone else 1' },
              });
          }
          sb.requests.length = 0;
          await workOn((await getRun(run.id))!, w());
          const after = await runItems(run.id);
          for (const [i, item] of after.entries()) {
            const point = points[i]!;
            expect(item.state).toBe(point === 'other' ? 'conflict' : 'done');
            const patches = sb.requests.filter(
              (r) => r.method === 'PATCH' && r.path.endsWith(item.customerId),
            );
            expect(patches.length).toBe(point === 'before' ? 1 : 0);
            const now = await flex.getCustomer(item.customerId);
            if (point !== 'other') expect(now.shipping).toEqual(item.after);
          }
          // Restore for the next case.
          for (const c of customers) await flex.updateCustomer(c.customer_id, { shipping: c.shipping });
        },
      ),
      { numRuns: 8 },
    );
  }, 60_000);

  it('a resolution that cannot read Flex leaves the row sending, never guesses', async () => {
    const [c] = await usCustomers(1, 10);
    const run = await dryRun(`customer_id,city\n${c!.customer_id},Fresno`);
    const [item] = await runItems(run.id);
    const db = await getDb();
    await db.updateTable('bulk_item').set({ state: 'sending' }).where('run_id', '=', run.id).execute();
    const broken = quietClient('http://127.0.0.1:9/v1', KEY, 200);
    await resolveSending(run, item!, broken);
    expect((await runItems(run.id))[0]!.state).toBe('sending');
  });
});

describe('commands on a run', () => {
  it('pause stops the worker, resume finishes; cancel skips what is left', async () => {
    const cs = await usCustomers(4, 20);
    const run = await dryRun(
      ['customer_id,line2', ...cs.map((c, i) => `${c.customer_id},Bay ${i}`)].join('\n'),
    );
    expect(await confirmRun(run.id, run.fileHash, ops)).toMatchObject({ ok: true });
    expect(await pauseRun(run.id)).toMatchObject({ ok: true });
    await workOn((await getRun(run.id))!, w()); // paused: nothing is sent
    expect((await runCounts(run.id)).byState.planned).toBe(4);
    expect(await resumeRun(run.id)).toMatchObject({ ok: true });
    await workOn((await getRun(run.id))!, w());
    expect((await getRun(run.id))!.state).toBe('done');
    expect((await runCounts(run.id)).byState.done).toBe(4);

    const again = await dryRun(
      ['customer_id,line2', ...cs.map((c, i) => `${c.customer_id},Pier ${i}`)].join('\n'),
    );
    await confirmRun(again.id, again.fileHash, ops);
    expect(await cancelRun(again.id)).toMatchObject({ ok: true });
    expect((await runCounts(again.id)).byState.skipped).toBe(4);
    expect(await resumeRun(again.id)).toMatchObject({ ok: false });
  });

  it('a run may not start while another active run still has to write one of its customers', async () => {
    const [c] = await usCustomers(1, 25);
    const first = await dryRun(`customer_id,line2\n${c!.customer_id},Gate 1`);
    await confirmRun(first.id, first.fileHash, ops);
    await pauseRun(first.id);
    const second = await dryRun(`customer_id,line2\n${c!.customer_id},Gate 2`);
    const refused = await confirmRun(second.id, second.fileHash, ops);
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Another run still has to write/),
    });
    await cancelRun(first.id);
    expect(await confirmRun(second.id, second.fileHash, ops)).toMatchObject({ ok: true });
    await cancelRun(second.id);
  });

  it('a row Flex refuses fails with its reason; "retry failed rows" makes a new dry run of just those', async () => {
    const cs = await usCustomers(2, 7);
    const run = await dryRun(
      ['customer_id,line2', ...cs.map((c, i) => `${c.customer_id},Lot ${i}`)].join('\n'),
    );
    await confirmRun(run.id, run.fileHash, ops);
    sb.faults.add({
      method: 'PATCH',
      path: `/v1/customers/${cs[1]!.customer_id}`,
      kind: 'status',
      status: 400,
      message: 'Invalid shipping: refused by the test',
      param: 'customer.shipping.line2',
      times: 1,
    });
    await workOn((await getRun(run.id))!, w());
    const items = await runItems(run.id);
    expect(items.map((i) => i.state)).toEqual(['done', 'failed']);
    expect(items[1]!.error).toMatch(/refused by the test/);
    const ended = (await getRun(run.id))!;
    // While a run still writes, its failed rows are not retried.
    expect(await retryFailed({ ...ended, state: 'running' }, ops)).toMatchObject({
      ok: false,
      kind: 'refused',
    });
    const retry = await retryFailed(ended, ops);
    if (!retry.ok) throw new Error(retry.message);
    await workOn((await getRun(retry.value.runId))!, w());
    const r = (await getRun(retry.value.runId))!;
    expect(r).toMatchObject({ kind: 'retry', parentId: run.id, state: 'planned' });
    expect((await runItems(r.id)).map((i) => [i.customerId, i.kind])).toEqual([
      [cs[1]!.customer_id, 'change'],
    ]);
  });
});

describe('who may command a run, and whom the audit names', () => {
  it('another ops person may pause but not confirm or resume; an admin may confirm; rows name the confirmer and the planner', async () => {
    const other = await createStaff({
      email: 'ops-other@desk.test',
      displayName: 'Other',
      role: 'ops',
      password: 'x'.repeat(16),
    });
    const admin = await createStaff({
      email: 'admin-bulk@desk.test',
      displayName: 'Admin',
      role: 'admin',
      password: 'x'.repeat(16),
    });
    const req = (who: Staff) => ({ requestId: `req_${who.id}`, ip: '192.0.2.1', userAgent: 'test' });
    const cs = await usCustomers(2, 26);
    const run = await dryRun(
      ['customer_id,line2', ...cs.map((c, i) => `${c.customer_id},Dock ${i}`)].join('\n'),
    );

    expect(await giveCommand(other, req(other), run.id, 'confirm', run.fileHash)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Only ops-bulk@desk.test, who planned this run, or an admin/),
    });
    expect(await giveCommand(admin, req(admin), run.id, 'confirm', run.fileHash)).toMatchObject({ ok: true });
    expect(await giveCommand(other, req(other), run.id, 'pause', '')).toMatchObject({ ok: true });
    expect(await giveCommand(other, req(other), run.id, 'resume', '')).toMatchObject({ ok: false });
    expect(await giveCommand(ops, req(ops), run.id, 'resume', '')).toMatchObject({ ok: true });
    await workOn((await getRun(run.id))!, w());

    const db = await getDb();
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('bulk_run_id', '=', run.id)
      .orderBy('id')
      .execute();
    const commands = rows
      .filter((r) => r.action.startsWith('bulk.'))
      .map((r) => [r.action, r.outcome, r.actor_email]);
    expect(commands).toEqual([
      ['bulk.confirm', 'rejected', 'ops-other@desk.test'],
      ['bulk.confirm', 'success', 'admin-bulk@desk.test'],
      ['bulk.pause', 'success', 'ops-other@desk.test'],
      ['bulk.resume', 'rejected', 'ops-other@desk.test'],
      ['bulk.resume', 'success', 'ops-bulk@desk.test'],
    ]);
    const writes = rows.filter((r) => r.action === 'customer.update');
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const wr of writes) {
      expect(wr.actor_email).toBe('admin-bulk@desk.test');
      expect(wr.user_agent).toBe(
        `bulk run ${run.id}, planned by ops-bulk@desk.test, confirmed by admin-bulk@desk.test`,
      );
    }
  });
});
