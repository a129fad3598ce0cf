import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, signIn, test } from './fixtures';

const unique = () => `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@desk.test`;

async function addStaff(page: Page, email: string, role: string) {
  await page.goto('/staff');
  const form = page.getByRole('form', { name: 'Add staff member' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill('Test Person');
  await form.getByLabel('Initial password').fill('a-long-initial-password');
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${email}` })).toBeVisible();
}

test('an admin adds a staff member who can then sign in with the given role', async ({ page, browser }) => {
  const email = unique();
  await signIn(page, 'admin');
  await addStaff(page, email, 'ops');
  await expect(page.getByText(email, { exact: true })).toBeVisible();

  const other = await browser.newPage();
  await other.goto('/login');
  await other.getByLabel('Email').fill(email);
  await other.getByLabel('Password').fill('a-long-initial-password');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByText(`${email} · Operations`)).toBeVisible();
  await other.close();
});

test('a weak initial password is refused at its field', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/staff');
  const form = page.getByRole('form', { name: 'Add staff member' });
  await form.getByLabel('Email').fill(unique());
  await form.getByLabel('Name').fill('Weak');
  await form.getByLabel('Initial password').fill('short');
  await form.getByRole('button', { name: 'Add staff member' }).click();
  await expect(form.getByLabel('Initial password')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Use at least 12 characters.')).toBeVisible();
});

test('disabling an account signs it out on its next request; changes are audited', async ({
  page,
  browser,
}) => {
  const email = unique();
  await signIn(page, 'admin');
  await addStaff(page, email, 'support');

  const victim = await browser.newPage();
  await victim.goto('/login');
  await victim.getByLabel('Email').fill(email);
  await victim.getByLabel('Password').fill('a-long-initial-password');
  await victim.getByRole('button', { name: 'Sign in' }).click();
  await expect(victim.getByRole('heading', { name: 'Newest customers' })).toBeVisible();

  await page.getByRole('button', { name: `Disable ${email}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Updated ${email}` })).toBeVisible();
  await victim.reload();
  await expect(victim).toHaveURL(/\/login/);
  // And the old password no longer signs in.
  await victim.getByLabel('Email').fill(email);
  await victim.getByLabel('Password').fill('a-long-initial-password');
  await victim.getByRole('button', { name: 'Sign in' }).click();
  await expect(victim.getByRole('alert').filter({ hasText: 'Email or password is wrong' })).toBeVisible();
  await victim.close();

  await page.getByLabel(`Role of ${email}`).selectOption('viewer');
  await expect(page.getByRole('status').filter({ hasText: `Updated ${email}` })).toBeVisible();
  await page.goto(`/audit?actor=admin%40desk.test`);
  const table = page.getByRole('table');
  await expect(table).toContainText(`${email}: disabled; sessions ended`);
  await expect(table).toContainText(`${email}: support → viewer`);
  await expect(table).toContainText(`${email}: created as support`);
});

test('throttling: after five failures sign-in waits, is audited, and the right password works after the delay', async ({
  page,
}) => {
  const email = unique();
  await signIn(page, 'admin');
  await addStaff(page, email, 'viewer');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  const attempt = async (password: string) => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    return (
      (await page
        .getByRole('alert')
        .filter({ hasText: /Too many failed sign-ins/ })
        .count()) > 0
    );
  };
  let throttled = false;
  for (let i = 0; i < 15 && !throttled; i++) throttled = await attempt(`wrong-${i}`);
  expect(throttled).toBe(true);
  // Even the right password waits while throttled.
  expect(await attempt('a-long-initial-password')).toBe(true);
  await expect(
    page.getByRole('alert').filter({ hasText: /Too many failed sign-ins. Wait \d+ s/ }),
  ).toBeVisible();
  await page.waitForTimeout(3200);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a-long-initial-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`${email} · Viewer`)).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'admin', `/audit?action=auth.sign_in_failed&actor=${encodeURIComponent(email)}`);
  await expect(page.getByText(/\d+ entries/)).toBeVisible();
  await expect(page.getByRole('table')).toContainText('wrong password');
  await expect(page.getByRole('table')).toContainText('throttled');
});

test('the audit page filters by outcome and date, pages, and exports the filtered rows as CSV', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.goto('/audit');
  await page.getByLabel('Action', { exact: true }).selectOption('auth.sign_in');
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByLabel('To', { exact: true }).fill(today);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=auth.sign_in/);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('auth.sign_in');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv as Buffer[]).toString('utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toContain('time_utc,actor_email,role,action');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes(',auth.sign_in,'))).toBe(true);

  await page.goto('/audit?outcome=conflict&from=2000-01-01&to=2000-01-02');
  await expect(page.getByText('0 entries')).toBeVisible();
});

test('a demo password is not the only way in: sessions are per sign-in', async ({ page, browser }) => {
  await signIn(page, 'support');
  const other = await browser.newPage();
  await other.goto('/login');
  await other.getByLabel('Email').fill('support@desk.test');
  await other.getByLabel('Password').fill(DEMO_PASSWORD);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByText('support@desk.test · Support')).toBeVisible();
  const a = (await page.context().cookies()).find((c) => c.name === 'desk_session')!;
  const b = (await other.context().cookies()).find((c) => c.name === 'desk_session')!;
  expect(a.value).not.toBe(b.value);
  expect(a.httpOnly).toBe(true);
  expect(a.sameSite).toBe('Lax');
  // Signing out one session leaves the other.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await other.reload();
  await expect(other.getByText('support@desk.test · Support')).toBeVisible();
  await other.close();
});
