// The app on a live key: unmistakably LIVE, and signed in with the configured admin (no demo accounts).
import { LIVE } from './env';
import { DEMO_PASSWORD, expect, test } from './fixtures';

test.use({ baseURL: LIVE.baseURL });

test('a live key shows a red LIVE badge and no test stripe; the configured admin signs in; demo accounts do not exist', async ({
  page,
}) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('admin@desk.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is wrong' })).toBeVisible();

  await page.getByLabel('Email').fill(LIVE.adminEmail);
  await page.getByLabel('Password').fill(LIVE.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`${LIVE.adminEmail} · Admin`)).toBeVisible();
  await expect(page.getByText('LIVE', { exact: true })).toBeVisible();
  await expect(page.getByText(/TEST MODE/)).toHaveCount(0);
  await expect(page.getByText('TEST', { exact: true })).toHaveCount(0);
  const first = page.getByRole('table').getByRole('link').first();
  await first.click();
  await expect(page.getByLabel('First name')).toBeVisible();
  await expect(page.getByText('LIVE', { exact: true })).toBeVisible();
});
