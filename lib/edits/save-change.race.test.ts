// The race test at the action layer: 1,000 rounds of concurrent saves of one field, in random
// interleavings, against the sandbox. Every write must land on top of what its author saw, or be
// refused as a conflict. Lost updates: zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '@/lib/auth/staff';
import { toFormValues } from '@/lib/customers/form-values';
import { editableFields } from '@/lib/customers/types';
import type { FlexClient } from '@/lib/flex/client';
import type { Sandbox } from '@/lib/flex-sandbox/server';
import { sandboxWithClient } from '@/test/sandbox';
import { saveCustomerEdit } from './edit';

const KEY = 'fsk_test_race';
let sb: Sandbox;
let flex: FlexClient;
const staff: Staff = {
  id: 'stf_race',
  email: 'race@desk.test',
  displayName: 'Race',
  role: 'admin',
  disabled: false,
  createdAt: '',
  lastSignInAt: null,
};
const request = { requestId: 'req_race', ip: '127.0.0.1', userAgent: 'vitest' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  ({ sb, flex } = await sandboxWithClient(KEY));
});
afterAll(async () => {
  await sb.close();
});

describe('concurrent saves', () => {
  it('never lose an update over 1,000 random interleavings', async () => {
    const ids = (await flex.listCustomers({ limit: 5 })).map((c) => c.customer_id);
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let successes = 0;
    let conflicts = 0;
    for (let round = 0; round < 1000; round++) {
      const id = ids[round % ids.length]!;
      const initial = (await flex.getCustomer(id)).employer;
      sb.requests.length = 0;
      const writers = 2 + Math.floor(rand() * 3);
      const results = await Promise.all(
        Array.from({ length: writers }, async (_, k) => {
          await sleep(Math.floor(rand() * 3));
          const original = await flex.getCustomer(id);
          await sleep(Math.floor(rand() * 3));
          const token = `w-${round}-${k}`;
          const values = { ...toFormValues(editableFields(original)), employer: token };
          const r = await saveCustomerEdit(
            { staff, request, flex, reasonRequired: false },
            { id, original: editableFields(original), values },
          );
          return { token, seen: original.employer, r };
        }),
      );
      // The order Flex applied the writes in, from what the sandbox received.
      const applied = sb.requests
        .filter((q) => q.method === 'PATCH' && q.status === 200)
        .map((q) => (JSON.parse(q.body) as { customer: { employer: string } }).customer.employer);
      for (const w of results) {
        if (w.r.ok) {
          successes += 1;
          const i = applied.indexOf(w.token);
          expect(i, `round ${round}: ${w.token} reported saved but was not applied`).toBeGreaterThanOrEqual(
            0,
          );
          const before = i === 0 ? initial : applied[i - 1];
          expect(w.seen, `round ${round}: ${w.token} overwrote a value its author never saw`).toBe(before);
        } else {
          expect(w.r.kind, JSON.stringify(w.r)).toBe('conflict');
          expect(applied).not.toContain(w.token);
          conflicts += 1;
        }
      }
      expect(applied.length).toBeGreaterThanOrEqual(1);
    }
    expect(successes).toBeGreaterThanOrEqual(1000);
    expect(conflicts).toBeGreaterThan(0);
  }, 180_000);

  it('50 concurrent saves to 50 different customers all succeed and are all audited', async () => {
    const customers = await flex.listCustomers({ limit: 50 });
    const results = await Promise.all(
      customers.map((c) =>
        saveCustomerEdit(
          { staff, request, flex, reasonRequired: false },
          {
            id: c.customer_id,
            original: editableFields(c),
            values: { ...toFormValues(editableFields(c)), employer: `Load ${c.customer_id.slice(-4)}` },
          },
        ),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const { listAudit } = await import('@/lib/audit/query');
    for (const c of customers.slice(0, 50)) {
      const { entries } = await listAudit(
        { customerId: c.customer_id, action: 'customer.update' },
        { limit: 5, offset: 0 },
      );
      expect(entries[0]?.outcome).toBe('success');
    }
  }, 60_000);
});
