import { expect, sandbox, signIn, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'viewer');
});

test('the newest customers link to a full read-only view', async ({ page }) => {
  const [newest] = await sandbox.list('limit=1');
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'TEST MODE' })).toBeVisible();
  await page
    .getByRole('link', { name: `${newest!.first_name} ${newest!.last_name}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/customers/${newest!.customer_id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${newest!.first_name} ${newest!.last_name}`,
  );
  await expect(page.getByText(newest!.customer_id, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(newest!.email!, { exact: true }).first()).toBeVisible();
});

test('an unknown or malformed id shows a clear not-found page and asks Flex nothing for malformed ones', async ({
  page,
}) => {
  await sandbox.clearRequests();
  for (const bad of [
    'fcus_X',
    'not-an-id',
    '..%2F..%2Fv1%2Fcustomers',
    'fcus_01HACM7FZ1084XB1GB6053VM0D%3Fx%3D1',
  ]) {
    const res = await page.goto(`/customers/${bad}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'No such customer' })).toBeVisible();
  }
  expect((await sandbox.requests()).filter((r) => r.path.includes('/customers/'))).toEqual([]);
  const res = await page.goto('/customers/fcus_01HACM7FZ1084XB1GB6053VM0D');
  expect(res?.status()).toBe(404);
});

test('a Flex failure on page load is said plainly, with a retry', async ({ page }) => {
  const [c] = await sandbox.list('limit=1');
  await sandbox.faults([{ kind: 'status', status: 500, path: `/v1/customers/${c!.customer_id}` }]);
  await page.goto(`/customers/${c!.customer_id}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Flex is having a problem' })).toBeVisible();
  await sandbox.clearFaults();
  await page.getByRole('link', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${c!.first_name} ${c!.last_name}`);
});
