// The save path on real records (legacy values never block an edit), reasons, and revert: at the action
// layer, against the sandbox over HTTP and the real app database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChange } from '@/lib/audit/audit';
import { customerHistory } from '@/lib/audit/query';
import { db } from '@/lib/db/database';
import { keptWorkDone } from '@/lib/lifecycle';
import type { Staff } from '@/lib/auth/staff';
import { toFormValues } from '@/lib/customers/form-values';
import { historyEntryOf, type HistoryEntry } from '@/lib/customers/history';
import { editableFields, type Customer } from '@/lib/customers/types';
import type { FlexClient } from '@/lib/flex/client';
import type { Sandbox } from '@/lib/flex-sandbox/server';
import { sandboxWithClient } from '@/test/sandbox';
import { REFERENCE_EMAIL } from '@/lib/flex-sandbox/legacy-seed';
import { auditPending } from './audit-change';
import type { Change } from './change';
import { saveCustomerEdit, type EditContext } from './edit';
import { revertCustomerChange } from './revert';

const KEY = 'fsk_test_revert';
let sb: Sandbox;
let flex: FlexClient;
const staff = (role: Staff['role']): Staff => ({
  id: `stf_${role}`,
  email: `${role}@desk.test`,
  displayName: role,
  role,
  disabled: false,
  createdAt: '',
  lastSignInAt: null,
});
const ctx = (role: Staff['role'], reasonRequired = false): EditContext => ({
  staff: staff(role),
  request: { requestId: 'req_test', ip: '127.0.0.1', userAgent: 'vitest' },
  flex,
  reasonRequired,
});
const patches = () => sb.requests.filter((r) => r.method === 'PATCH');

beforeAll(async () => {
  ({ sb, flex } = await sandboxWithClient(KEY));
});
afterAll(async () => {
  await sb.close();
});

async function reference(): Promise<Customer> {
  const [c] = await flex.listCustomers({ email: REFERENCE_EMAIL });
  if (!c) throw new Error('the reference customer is not seeded');
  return c;
}

async function edit(role: Staff['role'], c: Customer, change: Record<string, unknown>, reason?: unknown) {
  const loaded = toFormValues(editableFields(c));
  return saveCustomerEdit(ctx(role, reason !== undefined), {
    id: c.customer_id,
    original: editableFields(c),
    values: { ...loaded, ...change, shipping: { ...loaded.shipping, ...(change.shipping as object) } },
    reason,
  });
}

describe('the save path on records Flex already holds', () => {
  it('saves a city correction on the reference customer (+15555555555) and sends only shipping', async () => {
    const c = await reference();
    sb.requests.length = 0;
    const r = await edit('ops', c, { shipping: { city: 'Oakland', postal_code: '94612' } });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const [p] = patches();
    expect(Object.keys((JSON.parse(p!.body) as { customer: object }).customer)).toEqual(['shipping']);
    expect((await flex.getCustomer(c.customer_id)).phone).toBe('+15555555555');
  });

  it('refuses a save without a reason when one is required, naming the field; nothing is sent', async () => {
    const c = await reference();
    sb.requests.length = 0;
    const r = await edit('support', c, { employer: 'Needs Reason' }, { code: '', detail: '', ticket: '' });
    expect(r).toMatchObject({
      ok: false,
      kind: 'invalid',
      fieldErrors: { 'reason.code': [expect.any(String)] },
    });
    const bad = await edit(
      'support',
      c,
      { employer: 'Bad Ticket' },
      { code: 'other', detail: '', ticket: 'javascript://x' },
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { 'reason.detail': [expect.any(String)], 'reason.ticket': [expect.any(String)] },
    });
    expect(patches()).toHaveLength(0);
  });
});

describe('revert', () => {
  it('restores a change, names the row it reverts, and refuses to overwrite a later change', async () => {
    const c = (await flex.listCustomers({ limit: 20 })).find((x) => x.employer !== '')!;
    const saved = await edit(
      'support',
      c,
      { employer: 'Acme Revert' },
      { code: 'customer_request', detail: '', ticket: 'ZD-1' },
    );
    if (!saved.ok || saved.value.kind !== 'saved') throw new Error(JSON.stringify(saved));
    const change = await readChange(saved.value.auditId);
    expect(change?.changes.employer).toEqual({ before: c.employer, after: 'Acme Revert' });

    // A role that may not change the field may not revert it.
    const denied = await revertCustomerChange(ctx('ops'), {
      id: c.customer_id,
      auditId: saved.value.auditId,
    });
    expect(denied).toMatchObject({ ok: false, kind: 'forbidden' });

    const back = await revertCustomerChange(ctx('support'), {
      id: c.customer_id,
      auditId: saved.value.auditId,
      reason: { code: 'data_cleanup', detail: '', ticket: '' },
    });
    expect(back.ok, JSON.stringify(back)).toBe(true);
    expect((await flex.getCustomer(c.customer_id)).employer).toBe(c.employer);

    // Someone else changes the field; reverting the first change again is a conflict, and nothing is sent.
    await flex.updateCustomer(c.customer_id, { employer: 'Changed Elsewhere' });
    sb.requests.length = 0;
    const again = await revertCustomerChange(ctx('support'), {
      id: c.customer_id,
      auditId: saved.value.auditId,
    });
    expect(again).toMatchObject({
      ok: false,
      kind: 'conflict',
      conflicts: [{ field: 'employer', theirs: 'Changed Elsewhere' }],
    });
    expect(patches()).toHaveLength(0);
    expect((await flex.getCustomer(c.customer_id)).employer).toBe('Changed Elsewhere');
  });

  it('takes the change from the audit trail only: another customer’s change or a made-up id is refused', async () => {
    const [a, b] = await flex.listCustomers({ limit: 2 });
    const saved = await edit('admin', a!, { employer: 'Only A' });
    if (!saved.ok || saved.value.kind !== 'saved') throw new Error(JSON.stringify(saved));
    expect(
      await revertCustomerChange(ctx('admin'), { id: b!.customer_id, auditId: saved.value.auditId }),
    ).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await revertCustomerChange(ctx('admin'), { id: a!.customer_id, auditId: 999_999 })).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
    expect(await revertCustomerChange(ctx('admin'), { id: a!.customer_id, auditId: 'x' })).toMatchObject({
      ok: false,
      kind: 'invalid',
    });
  });
});

describe('a failed save answers with the History row it wrote', () => {
  // The page shows these rows from the answer alone (no second request): each must be the row History
  // lists afterwards, and an answer that wrote no row must carry none.
  async function listed(id: string, entryId: number) {
    const found = (await customerHistory(id)).find((e) => e.id === entryId);
    return found && historyEntryOf(found);
  }
  // All History shows, but the time (the answer's is when it was built, the list's when the row was written).
  const same = (e: HistoryEntry | undefined) => e && { ...e, at: undefined };

  it('a role refusal, a conflict and a PATCH Flex refused each carry their row; invalid input none', async () => {
    const [c] = await flex.listCustomers({ limit: 1, offset: 30 });

    const refused = await edit('ops', c!, { employer: 'Not Yours' });
    expect(refused).toMatchObject({ ok: false, kind: 'forbidden' });
    if (refused.ok || !refused.entry) throw new Error(JSON.stringify(refused));
    expect(same(refused.entry)).toEqual(same(await listed(c!.customer_id, refused.entry.id)));
    expect(refused.entry.action).toBe('customer.update.denied');

    await flex.updateCustomer(c!.customer_id, { employer: 'Moved Meanwhile' });
    const conflict = await edit('support', c!, { employer: 'Mine' });
    expect(conflict).toMatchObject({ ok: false, kind: 'conflict' });
    if (conflict.ok || !conflict.entry) throw new Error(JSON.stringify(conflict));
    expect(same(conflict.entry)).toEqual(same(await listed(c!.customer_id, conflict.entry.id)));
    expect(conflict.entry.outcome).toBe('conflict');

    const now = await flex.getCustomer(c!.customer_id);
    sb.faults.add({
      method: 'PATCH',
      path: `/v1/customers/${c!.customer_id}`,
      kind: 'status',
      status: 400,
      message: 'Invalid employer: refused by the test',
      param: 'customer.employer',
      times: 1,
    });
    const rejected = await edit('support', now, { employer: 'Refused By Flex' });
    expect(rejected).toMatchObject({ ok: false, kind: 'invalid' });
    if (rejected.ok || !rejected.entry) throw new Error(JSON.stringify(rejected));
    expect(same(rejected.entry)).toEqual(same(await listed(c!.customer_id, rejected.entry.id)));
    expect(rejected.entry).toMatchObject({
      outcome: 'rejected',
      detail: 'Invalid employer: refused by the test',
    });

    const invalidInput = await edit('support', now, { email: 'not-an-email' });
    expect(invalidInput).toMatchObject({ ok: false, kind: 'invalid' });
    expect(invalidInput.ok || invalidInput.entry).toBeUndefined();
  });
});

describe('a page’s save answers once Flex has', () => {
  it('the completion row and the index follow under the lock; an Undo sent at once waits for them', async () => {
    const [c] = await flex.listCustomers({ limit: 1, offset: 40 });
    const saved = await edit('support', c!, { employer: 'Answered Early' });
    if (!saved.ok || saved.value.kind !== 'saved') throw new Error(JSON.stringify(saved));
    const { auditId } = saved.value;
    expect(saved.value.entry).toMatchObject({ id: auditId, outcome: 'success' });
    // Sent straight away, as a fast click on Undo would: it must find the change saved, not pending.
    const undo = await revertCustomerChange(ctx('support'), {
      id: c!.customer_id,
      auditId,
      mode: 'undo',
    });
    expect(undo.ok, JSON.stringify(undo)).toBe(true);
    await keptWorkDone();
    const history = await customerHistory(c!.customer_id);
    expect(history.find((e) => e.id === auditId)).toMatchObject({ outcome: 'success' });
    const [row] = await (
      await db()
    )
      .selectFrom('customer_index')
      .select('employer')
      .where('id', '=', c!.customer_id)
      .execute();
    expect(row?.employer).toBe(c!.employer);
  });
});

describe('an Undo of a change whose server stopped before writing its outcome', () => {
  it('settles the change from Flex under the lock, then takes it back', async () => {
    const [c] = await flex.listCustomers({ limit: 1, offset: 50 });
    const id = c!.customer_id;
    const change: Change = {
      customerId: id,
      base: { employer: c!.employer },
      patch: { employer: 'Orphaned Save' },
      reason: { code: null, detail: '', ticket: '' },
      actor: staff('support'),
      request: { requestId: 'req_stopped', ip: null, userAgent: 'vitest' },
      origin: { kind: 'edit' },
    };
    // The pending row was written and the PATCH landed; the server died before the completion row.
    const pendingId = await auditPending(change, true);
    await flex.updateCustomer(id, { employer: 'Orphaned Save' });
    const undo = await revertCustomerChange(ctx('support'), { id, auditId: pendingId, mode: 'undo' });
    expect(undo.ok, JSON.stringify(undo)).toBe(true);
    expect((await flex.getCustomer(id)).employer).toBe(c!.employer);
    expect((await readChange(pendingId))?.outcome).toBe('success');
  });
});
