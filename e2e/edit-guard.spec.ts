import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { customerIn, expect, sandbox, signIn, test } from './fixtures';

async function noSeriousA11yProblems(page: Page) {
  const r = await new AxeBuilder({ page }).analyze();
  expect(
    r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
}

test('leaving with unsaved edits asks first; saying no keeps the edits', async ({ page }) => {
  const c = await customerIn('US');
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await page.getByLabel('Employer').fill('Unsaved Ltd');
  let asked = '';
  page.once('dialog', async (d) => {
    asked = d.message();
    await d.dismiss();
  });
  await page.getByRole('link', { name: 'Customers' }).click();
  expect(asked).toContain('unsaved changes');
  await expect(page).toHaveURL(new RegExp(`/customers/${c.customer_id}$`));
  await expect(page.getByLabel('Employer')).toHaveValue('Unsaved Ltd');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('link', { name: 'Customers' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('coming back to the tab finds a change made in Flex: a banner while editing, a refresh otherwise', async ({
  page,
}) => {
  const c = await customerIn('GB');
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await page.getByLabel('Employer').fill('Mine');
  await sandbox.patch(c.customer_id, { first_name: 'Changed-Elsewhere' });
  await page.waitForTimeout(5500);
  await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
  await expect(
    page.getByRole('status').filter({ hasText: 'This customer was changed in Flex since you opened it' }),
  ).toBeVisible();
  await expect(page.getByLabel('Employer')).toHaveValue('Mine');
  await page.getByRole('button', { name: 'Discard' }).click();
  await sandbox.patch(c.customer_id, { first_name: 'Changed-Again' });
  await page.waitForTimeout(5500);
  await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
  await expect(page.getByLabel('First name')).toHaveValue('Changed-Again');
});

test('accessibility in the states people meet: finder, editor, review, conflict, viewer, staff, audit', async ({
  page,
}) => {
  const c = await customerIn('US');
  await signIn(page, 'admin');
  await noSeriousA11yProblems(page);
  await page.goto('/?q=smith');
  await expect(page.getByRole('status').filter({ hasText: /match/ })).toBeVisible();
  await noSeriousA11yProblems(page);
  await page.goto(`/customers/${c.customer_id}`);
  await noSeriousA11yProblems(page);
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByLabel('Email')).toBeFocused();
  await noSeriousA11yProblems(page);
  await page.getByLabel('Email').fill('ok@example.com');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('dialog', { name: 'Review changes' })).toBeVisible();
  await noSeriousA11yProblems(page);
  await sandbox.patch(c.customer_id, { email: 'theirs@example.com' });
  await page.getByRole('button', { name: 'Save to Flex' }).click();
  await expect(
    page.getByRole('region', { name: 'Changed since you opened it by someone else' }),
  ).toBeVisible();
  await noSeriousA11yProblems(page);
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Metadata' })).toBeVisible();
  await noSeriousA11yProblems(page);
  for (const url of ['/staff', '/audit']) {
    await page.goto(url);
    await noSeriousA11yProblems(page);
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page).toHaveTitle(/Sign in/);
  await noSeriousA11yProblems(page);
  await signIn(page, 'viewer', `/customers/${c.customer_id}`);
  await noSeriousA11yProblems(page);
});

test('keyboard only: find, edit, review with Enter, back with Escape, save with Ctrl+S', async ({ page }) => {
  const c = await customerIn('CA');
  await signIn(page, 'support');
  // "/" works once the page is hydrated: press it until it has focused the search box.
  await expect(async () => {
    await page.keyboard.press('/');
    await expect(page.getByLabel('Search customers')).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.keyboard.press('Control+a'); // a "/" typed by an extra press is replaced
  await page.keyboard.type(c.email!);
  await page.keyboard.press('Enter');
  // The email's results, not the table of the page before them.
  const link = page
    .getByRole('table', { name: `Customers matching ${c.email}` })
    .getByRole('link')
    .first();
  await expect(link).toBeVisible();
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/customers/${c.customer_id}$`));
  await page.getByLabel('Employer').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Keyboard Inc');
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Employer')).toHaveValue('Keyboard Inc');
  await page.keyboard.press('Control+s');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect((await sandbox.get(c.customer_id)).employer).toBe('Keyboard Inc');
});
