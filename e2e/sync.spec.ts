// Keeping the customer index true, end to end: a change in the sandbox reaches the app as a signed webhook
// and the index row follows; the admin page shows the index and starts a full re-walk.
import { E2E } from './env';
import { appQuery, expect, sandbox, signIn, test } from './fixtures';

type Delivery = { id: string; type: string; customerId: string; attempts: number; status: number };
async function deliveries(): Promise<Delivery[]> {
  const r = await fetch(`${E2E.sandboxURL}/__sandbox/webhooks`, {
    headers: { 'x-sandbox-admin-secret': E2E.adminSecret },
  });
  return ((await r.json()) as { deliveries: Delivery[] }).deliveries;
}

const indexRow = async (id: string) =>
  (
    await appQuery<{ employer: string; deleted_at: Date | null }>(
      'SELECT employer, deleted_at FROM customer_index WHERE id = $1',
      [id],
    )
  )[0];

test('a change in Flex reaches the index through a signed webhook', async () => {
  const [c] = await sandbox.list('limit=1');
  const employer = `Webhook Co ${Date.now()}`;
  await sandbox.patch(c!.customer_id, { employer });
  await expect
    .poll(async () => (await indexRow(c!.customer_id))?.employer, { timeout: 10_000 })
    .toBe(employer);
  const d = (await deliveries()).filter((x) => x.customerId === c!.customer_id).at(-1)!;
  expect(d).toMatchObject({ type: 'customer.updated', status: 200, attempts: 1 });
  const [event] = await appQuery<{ state: string }>('SELECT state FROM webhook_event WHERE id = $1', [d.id]);
  expect(event?.state).toBe('done');
});

test('the admin page shows the index and starts a full re-walk', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Index' }).click();
  await expect(page.getByRole('heading', { name: 'Customer index' })).toBeVisible();
  const [{ n }] = (await appQuery<{ n: string }>(
    'SELECT count(*) AS n FROM customer_index WHERE deleted_at IS NULL',
  )) as [{ n: string }];
  await expect(page.getByText('Customers indexed')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: new RegExp(`^${Number(n)}$`) })).toBeVisible();
  await expect(page.getByText(/The last full walk finished/)).toBeVisible();
  const before = (await appQuery<{ walk_no: number }>('SELECT walk_no FROM sync_state'))[0]!.walk_no;
  await page.getByRole('button', { name: 'Start a full re-walk' }).click();
  await expect(page.getByRole('status')).toHaveText(
    /A full walk of Flex starts within a few seconds\.|A full walk is already running\./,
  );
  await expect
    .poll(async () => (await appQuery<{ walk_no: number }>('SELECT walk_no FROM sync_state'))[0]!.walk_no, {
      timeout: 15_000,
    })
    .toBeGreaterThan(before);
  await expect(page.getByText(/The last full walk finished \d+ s ago/)).toBeVisible({ timeout: 15_000 });
});

test('staff other than admins have no index page', async ({ page }) => {
  await signIn(page, 'support');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Index' }),
  ).toHaveCount(0);
  const res = await page.goto('/sync');
  expect(res?.status()).toBe(403);
});
