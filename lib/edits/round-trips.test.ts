// Database round trips on the two paths people wait for: opening a customer and saving an edit. Counted at
// the pg client (every query of either pool), against the sandbox over HTTP and a real database. With
// ROUND_TRIPS_REPORT set, the figures are also written there as JSON (npm run bench reads them).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, staffForToken } from '@/lib/auth/session';
import { createStaff, type Staff } from '@/lib/auth/staff';
import { db } from '@/lib/db/database';
import { toFormValues } from '@/lib/customers/form-values';
import { editableFields } from '@/lib/customers/types';
import type { FlexClient } from '@/lib/flex/client';
import type { Sandbox } from '@/lib/flex-sandbox/server';
import { keptWorkDone } from '@/lib/lifecycle';
import { loadCustomerPage } from '@/lib/pages/customer-page';
import { countQueries } from '@/test/query-count';
import { sandboxWithClient } from '@/test/sandbox';
import { saveCustomerEdit } from './edit';

const KEY = 'fsk_test_round_trips';
let sb: Sandbox;
let flex: FlexClient;
let staff: Staff;
let token: string;
const figures: Record<string, number> = {};

beforeAll(async () => {
  ({ sb, flex } = await sandboxWithClient(KEY));
  await db(); // migrations are not part of any request
  staff = await createStaff({
    email: 'trips@desk.test',
    displayName: 'Trips',
    role: 'admin',
    password: 'a long enough password',
  });
  token = await createSession(staff.id, { ip: null, userAgent: 'vitest' });
});
afterAll(async () => {
  await sb.close();
  if (process.env.ROUND_TRIPS_REPORT)
    fs.writeFileSync(process.env.ROUND_TRIPS_REPORT, JSON.stringify(figures, null, 2));
});

describe('database round trips', () => {
  it('a page view: the session, then History beside the Flex read; nothing else before the answer', async () => {
    const [c] = await flex.listCustomers({ limit: 1 });
    const session = await countQueries(() => staffForToken(token));
    expect(session.result?.id).toBe(staff.id);
    const page = await countQueries(() => loadCustomerPage(c!.customer_id, flex));
    expect(page.result.ok).toBe(true);
    figures.pageViewSession = session.queries.length;
    figures.pageViewLoad = page.queries.length;
    figures.pageViewTotal = session.queries.length + page.queries.length;
    // Two waits on the way: the session, then the History query (run beside the Flex GET).
    expect(session.queries).toHaveLength(1);
    expect(page.queries).toHaveLength(1);
  });

  it('a save: at most 8 round trips, the session lookup included', async () => {
    const [c] = await flex.listCustomers({ limit: 1 });
    const original = editableFields(c!);
    const values = { ...toFormValues(original), employer: 'Round Trip Ltd' };
    const ctx = {
      staff,
      request: { requestId: 'req_trips', ip: null, userAgent: 'vitest' },
      flex,
      reasonRequired: false,
    };
    const session = await countQueries(() => staffForToken(token));
    // Counted until the work after the answer (completion row, index, change notice) has ended too.
    const save = await countQueries(async () => {
      const r = await saveCustomerEdit(ctx, { id: c!.customer_id, original, values });
      await keptWorkDone();
      return r;
    });
    expect(save.result.ok, JSON.stringify(save.result)).toBe(true);
    if (!save.result.ok || save.result.value.kind !== 'saved') throw new Error('not saved');
    // The answer carries the new History row: no second request to show it.
    expect(save.result.value.entry).toMatchObject({ id: save.result.value.auditId, outcome: 'success' });
    figures.saveSession = session.queries.length;
    figures.saveWritePath = save.queries.length;
    figures.saveTotal = session.queries.length + save.queries.length;
    expect(figures.saveTotal).toBeLessThanOrEqual(8);
    expect(sb.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });
});
