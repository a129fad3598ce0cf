import AxeBuilder from '@axe-core/playwright';
import { customerIn, expect, sandbox, signIn, test } from './fixtures';

test('ops corrects an address: the whole address is sent, normalised, and shown as Flex stored it', async ({
  page,
}) => {
  const c = await customerIn('GB');
  await signIn(page, 'ops', `/customers/${c.customer_id}`);
  // Ops may not change contact details: shown plain, with the reason.
  await expect(page.getByLabel('Email')).toHaveCount(0);
  await expect(
    page.getByLabel(/Locked: Only Support and Admin staff can change contact details/).first(),
  ).toBeVisible();

  await page.getByLabel('Address line 1').fill('10 Downing Street');
  await page.getByLabel('Address line 2').fill('');
  await page.getByLabel('City').fill('London');
  await page.getByLabel('Postal code').fill('sw1a2aa');
  await sandbox.clearRequests();
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog.getByRole('row', { name: /Shipping address/ })).toContainText('SW1A 2AA');
  await dialog.getByRole('button', { name: 'Save to Flex' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  const patch = (await sandbox.requests()).find((r) => r.method === 'PATCH')!;
  expect(JSON.parse(patch.body)).toEqual({
    customer: {
      shipping: {
        line1: '10 Downing Street',
        line2: '',
        city: 'London',
        state: '',
        postal_code: 'SW1A 2AA',
        country: 'GB',
      },
    },
  });
  await expect(page.getByLabel('Postal code')).toHaveValue('SW1A 2AA');
  const stored = await sandbox.get(c.customer_id);
  expect(stored.shipping.shipping_address_id).not.toBe(c.shipping.shipping_address_id);
  await expect(page.getByRole('region', { name: 'History' })).toContainText('ops@desk.test');
});

test('a US address needs a state from the list; Canada says province', async ({ page }) => {
  const c = await customerIn('US');
  await signIn(page, 'ops', `/customers/${c.customer_id}`);
  await page.getByLabel('Country').selectOption('CA');
  await expect(page.getByText('Province or territory')).toBeVisible();
  await page.getByLabel('State').selectOption('ON');
  await page.getByLabel('City').fill('Toronto');
  await page.getByLabel('Postal code').fill('m5v 2t6');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('dialog', { name: 'Review changes' })
    .getByRole('button', { name: 'Save to Flex' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect((await sandbox.get(c.customer_id)).shipping).toMatchObject({
    country: 'CA',
    state: 'ON',
    postal_code: 'M5V 2T6',
    city: 'Toronto',
  });
});

test('a bad postal code is blocked at its field, nothing is sent, the typing is kept', async ({ page }) => {
  const c = await customerIn('DE');
  await signIn(page, 'ops', `/customers/${c.customer_id}`);
  await page.getByLabel('Postal code').fill('ABC');
  await page.getByLabel('City').fill('');
  await sandbox.clearRequests();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('dialog', { name: 'Review changes' })).toBeHidden();
  const postal = page.getByLabel('Postal code');
  await expect(postal).toHaveAttribute('aria-invalid', 'true');
  await expect(postal).toHaveAccessibleDescription(/not a valid postal code/);
  await expect(page.getByRole('alert').filter({ hasText: '2 problems' })).toContainText('City');
  await expect(postal).toHaveValue('ABC');
  await expect(page.getByLabel('City')).toBeFocused();
  expect((await sandbox.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
