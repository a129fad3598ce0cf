import { customerIn, expect, sandbox, signIn, test } from './fixtures';

test.describe('when Flex fails, the edits stay and the page says what happened', () => {
  test('500 on save: not saved, edits kept, retry works and applies once', async ({ page }) => {
    const c = await customerIn('US');
    await signIn(page, 'support', `/customers/${c.customer_id}`);
    await page.getByLabel('Employer').fill('Retry Corp');
    await sandbox.faults([{ kind: 'status', status: 500, method: 'PATCH', times: 1 }]);
    await sandbox.clearRequests();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Save to Flex' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Flex had an internal problem' })).toContainText(
      'Your change was not saved',
    );
    await expect(page.getByLabel('Employer')).toHaveValue('Retry Corp');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    expect((await sandbox.get(c.customer_id)).employer).toBe('Retry Corp');
    const patches = (await sandbox.requests()).filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.status)).toEqual([500, 200]);
  });

  test('timeout after Flex applied the change: re-reading tells the person it was saved', async ({
    page,
  }) => {
    const c = await customerIn('GB');
    await signIn(page, 'support', `/customers/${c.customer_id}`);
    await page.getByLabel('Last name').fill('Applied-Late');
    await sandbox.faults([{ kind: 'latency', ms: 4500, method: 'PATCH', phase: 'after', times: 1 }]);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Save to Flex' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'reading the customer again shows your change was saved' }),
    ).toBeVisible({ timeout: 15_000 });
    await expect(page.getByLabel('Last name')).toHaveValue('Applied-Late');
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Saved');
  });

  test('connection reset before Flex applied it: edits kept, not saved yet, retry is safe', async ({
    page,
  }) => {
    const c = await customerIn('DE');
    await signIn(page, 'support', `/customers/${c.customer_id}`);
    await page.getByLabel('First name').fill('Reset');
    await sandbox.faults([{ kind: 'reset', method: 'PATCH', times: 1 }]);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Save to Flex' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The connection to Flex broke' })).toBeVisible();
    await expect(page.getByLabel('First name')).toHaveValue('Reset');
    expect((await sandbox.get(c.customer_id)).first_name).toBe(c.first_name);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    expect((await sandbox.get(c.customer_id)).first_name).toBe('Reset');
  });

  test('429 that does not clear: a plain message with the wait, edits kept', async ({ page }) => {
    const c = await customerIn('AU');
    await signIn(page, 'support', `/customers/${c.customer_id}`);
    await page.getByLabel('Employer').fill('Patient Pty');
    await sandbox.faults([{ kind: 'status', status: 429, retryAfter: 1, method: 'PATCH' }]);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Save to Flex' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Flex is rate limiting: try again in 1 s.' }),
    ).toBeVisible({ timeout: 20_000 });
    await expect(page.getByLabel('Employer')).toHaveValue('Patient Pty');
    expect((await sandbox.requests()).filter((r) => r.method === 'PATCH').length).toBeGreaterThan(1);
  });

  test('Flex refuses a value: its message lands on that field, nothing else is lost', async ({ page }) => {
    const c = await customerIn('FR');
    await signIn(page, 'support', `/customers/${c.customer_id}`);
    await page.getByLabel('Email').fill('valid@example.com');
    await page.getByLabel('Employer').fill('Kept SA');
    await sandbox.faults([
      {
        kind: 'status',
        status: 400,
        method: 'PATCH',
        param: 'customer.email',
        message: 'Invalid email: valid@example.com is blocked',
        times: 1,
      },
    ]);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('button', { name: 'Save to Flex' }).click();
    const email = page.getByLabel('Email');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/valid@example.com is blocked/);
    await expect(email).toBeFocused();
    await expect(page.getByLabel('Employer')).toHaveValue('Kept SA');
  });

  test('a page load while Flex is down says so, and the retry link works', async ({ page }) => {
    const c = await customerIn('US');
    await signIn(page, 'viewer');
    await sandbox.faults([{ kind: 'status', status: 503, method: 'GET' }]);
    await page.goto(`/customers/${c.customer_id}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Flex is having a problem' })).toBeVisible();
    await sandbox.clearFaults();
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(c.last_name!);
  });
});
