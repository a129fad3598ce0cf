// The fault matrix: every upstream failure, for a save and for a page load. The page says what happened,
// the edits stay in the form, the audit row has the right outcome, and no change is applied twice.
import { auditRows, customerIn, expect, sandbox, signIn, test } from './fixtures';

type Fault = Parameters<typeof sandbox.faults>[0][number];
type SaveCase = {
  name: string;
  fault: Fault;
  says: RegExp;
  outcome: string;
  applied: boolean;
  keeps: boolean;
};

const saveCases: SaveCase[] = [
  {
    name: 'timeout before Flex applies it',
    fault: { kind: 'latency', ms: 4500 },
    says: /did not answer in time/,
    outcome: 'unknown',
    applied: true,
    keeps: true,
  },
  {
    name: 'connection reset before the PATCH is applied',
    fault: { kind: 'reset' },
    says: /connection to Flex broke/,
    outcome: 'unknown',
    applied: false,
    keeps: true,
  },
  {
    name: 'connection reset after the PATCH is applied',
    fault: { kind: 'reset', phase: 'after' },
    says: /your change was saved/,
    outcome: 'success',
    applied: true,
    keeps: false,
  },
  {
    name: '500',
    fault: { kind: 'status', status: 500 },
    says: /Flex had an internal problem.*not saved/,
    outcome: 'upstream_error',
    applied: false,
    keeps: true,
  },
  {
    name: '502',
    fault: { kind: 'status', status: 502 },
    says: /Flex had an internal problem.*not saved/,
    outcome: 'upstream_error',
    applied: false,
    keeps: true,
  },
  {
    name: '503',
    fault: { kind: 'status', status: 503, retryAfter: 1 },
    says: /Flex had an internal problem.*not saved/,
    outcome: 'upstream_error',
    applied: false,
    keeps: true,
  },
  {
    name: 'a 429 storm',
    fault: { kind: 'status', status: 429, retryAfter: 1 },
    says: /Flex is rate limiting: try again in 1 s/,
    outcome: 'upstream_error',
    applied: false,
    keeps: true,
  },
  {
    name: 'malformed JSON after applying',
    fault: { kind: 'malformed', phase: 'after' },
    says: /your change was saved/,
    outcome: 'success',
    applied: true,
    keeps: false,
  },
  {
    name: 'malformed JSON without applying',
    fault: { kind: 'malformed' },
    says: /passing problem on Flex’s side.*not saved/,
    outcome: 'upstream_error',
    applied: false,
    keeps: true,
  },
  {
    name: 'an HTML error page',
    fault: { kind: 'html', status: 502 },
    says: /Flex had an internal problem.*not saved/,
    outcome: 'upstream_error',
    applied: false,
    keeps: true,
  },
  {
    name: 'a slow body',
    fault: { kind: 'slow', ms: 6000 },
    says: /your change was saved/,
    outcome: 'success',
    applied: true,
    keeps: false,
  },
];

test.describe('saving through a fault', () => {
  for (const c of saveCases) {
    test(c.name, async ({ page }) => {
      const customer = await customerIn('US');
      await signIn(page, 'support', `/customers/${customer.customer_id}`);
      const value = `Fault ${Date.now()}`;
      await page.getByLabel('Employer').fill(value);
      // On this customer's path only: background work (a bulk run, a webhook's re-read) never takes the fault.
      await sandbox.faults([{ ...c.fault, method: 'PATCH', path: `/v1/customers/${customer.customer_id}` }]);
      await sandbox.clearRequests();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('button', { name: 'Save to Flex' }).click();
      await expect(page.getByText(c.says)).toBeVisible({ timeout: 20_000 });
      await expect(page.getByLabel('Employer')).toHaveValue(value);
      if (c.keeps) await expect(page.getByText(/1 unsaved change/)).toBeVisible();
      await sandbox.clearFaults();
      if (c.fault.kind === 'latency') await page.waitForTimeout(2000); // the late PATCH lands

      // A saved change's completion row is written just after the answer: polled.
      await expect
        .poll(
          async () =>
            (await auditRows('customer_id = $1 AND completes_id IS NOT NULL', customer.customer_id)).at(-1)
              ?.outcome,
        )
        .toBe(c.outcome);
      const stored = await sandbox.get(customer.customer_id);
      expect(stored.employer === value).toBe(c.applied);
      const applied = (await sandbox.requests()).filter((r) => r.method === 'PATCH' && r.status === 200);
      expect(applied.length).toBeLessThanOrEqual(1);

      if (c.keeps) {
        // Trying again never applies the change twice: either it saves once, or a late write shows as a conflict.
        await page.getByRole('button', { name: 'Try again' }).click();
        const saved = page.getByRole('status').filter({ hasText: /^Saved$/ });
        const conflict = page.getByRole('region', { name: 'Changed since you opened it by someone else' });
        await expect(saved.or(conflict)).toBeVisible({ timeout: 20_000 });
        const all = (await sandbox.requests()).filter((r) => r.method === 'PATCH' && r.status === 200);
        expect(all.length).toBe(1);
        expect((await sandbox.get(customer.customer_id)).employer).toBe(value);
      }
    });
  }
});

const loadCases: [string, Fault, RegExp][] = [
  ['timeout', { kind: 'latency', ms: 4000 }, /Flex is not answering/],
  ['connection reset', { kind: 'reset' }, /Flex could not be reached/],
  ['500', { kind: 'status', status: 500 }, /Flex is having a problem/],
  ['502', { kind: 'status', status: 502 }, /Flex is having a problem/],
  ['503', { kind: 'status', status: 503 }, /Flex is having a problem/],
  ['a 429 storm', { kind: 'status', status: 429, retryAfter: 1 }, /Flex is rate limiting/],
  ['malformed JSON', { kind: 'malformed' }, /Flex sent an answer we could not read/],
  ['an HTML error page', { kind: 'html', status: 502 }, /Flex is having a problem/],
  ['a slow body', { kind: 'slow', ms: 6000 }, /Flex is not answering/],
];

test.describe('loading a customer through a fault', () => {
  for (const [name, fault, says] of loadCases) {
    test(name, async ({ page }) => {
      const customer = await customerIn('GB');
      await signIn(page, 'viewer');
      await sandbox.faults([{ ...fault, method: 'GET', path: `/v1/customers/${customer.customer_id}` }]);
      await page.goto(`/customers/${customer.customer_id}`);
      await expect(page.getByRole('alert').filter({ hasText: says })).toBeVisible();
      await sandbox.clearFaults();
      await page.getByRole('link', { name: 'Try again' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(customer.last_name!);
    });
  }
});
