import { customerIn, expect, sandbox, signIn, test } from './fixtures';

test('a change made in Flex mid-edit is caught: nothing is saved until each field is chosen', async ({
  page,
}) => {
  const c = await customerIn('US');
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await page.getByLabel('Email').fill('mine@example.com');
  await page.getByLabel('First name').fill('Mine');
  // A colleague changes the email and the last name in Flex meanwhile.
  await sandbox.patch(c.customer_id, { email: 'theirs@example.com', last_name: 'Theirs' });
  await sandbox.clearRequests();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('dialog', { name: 'Review changes' })
    .getByRole('button', { name: 'Save to Flex' })
    .click();

  const panel = page.getByRole('region', { name: 'Changed since you opened it by someone else' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('group', { name: 'Email' })).toContainText('theirs@example.com');
  await expect(panel.getByRole('group', { name: 'Email' })).toContainText('mine@example.com');
  await expect(panel.getByRole('group', { name: 'Email' })).toContainText(c.email!);
  await expect(panel.getByRole('group', { name: 'First name' })).toHaveCount(0);
  expect((await sandbox.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
  await expect(panel.getByRole('button', { name: 'Review again' })).toBeDisabled();

  await panel.getByRole('group', { name: 'Email' }).getByLabel('Take theirs').check();
  await panel.getByRole('button', { name: 'Review again' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog.getByRole('row', { name: /First name/ })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Email/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save to Flex' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  const stored = await sandbox.get(c.customer_id);
  expect(stored).toMatchObject({ email: 'theirs@example.com', last_name: 'Theirs', first_name: 'Mine' });
  await expect(page.getByLabel('Last name')).toHaveValue('Theirs');
});

test('keeping mine after a conflict overwrites theirs only because the person chose it', async ({ page }) => {
  const c = await customerIn('CA');
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await page.getByLabel('Employer').fill('Mine Inc');
  await sandbox.patch(c.customer_id, { employer: 'Theirs Ltd' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Save to Flex' }).click();
  const panel = page.getByRole('region', { name: 'Changed since you opened it by someone else' });
  await panel.getByLabel('Keep mine').check();
  await panel.getByRole('button', { name: 'Review again' }).click();
  await page.getByRole('button', { name: 'Save to Flex' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect((await sandbox.get(c.customer_id)).employer).toBe('Mine Inc');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Conflict: not saved');
});
