import { customerIn, expect, sandbox, signIn, test } from './fixtures';

test('support edits contact fields; only the changes are sent and the answer is shown', async ({ page }) => {
  const c = await customerIn('US', (x) => !!x.phone);
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await expect(page.getByLabel('First name')).toHaveValue(c.first_name!);
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();

  await page.getByLabel('Email').fill('new.address@example.com');
  await page.getByLabel('Phone').fill('(415) 555-2671');
  await expect(page.getByText('2 unsaved changes')).toBeVisible();
  await sandbox.clearRequests();
  await page.getByRole('button', { name: 'Save changes' }).click();

  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Email/ })).toContainText('new.address@example.com');
  await expect(dialog.getByRole('row', { name: /Phone/ })).toContainText('+1 415 555 2671');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('new.address@example.com');
  await expect(page.getByLabel('Phone')).toHaveValue('+1 415 555 2671');
  await expect(page.getByText('No unsaved changes')).toBeVisible();

  const patches = (await sandbox.requests()).filter((r) => r.method === 'PATCH');
  expect(patches).toHaveLength(1);
  expect(JSON.parse(patches[0]!.body)).toEqual({
    customer: { email: 'new.address@example.com', phone: '+14155552671' },
  });
  const stored = await sandbox.get(c.customer_id);
  expect(stored.phone).toBe('+14155552671');

  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('support@desk.test');
  await expect(history).toContainText('new.address@example.com');
});
