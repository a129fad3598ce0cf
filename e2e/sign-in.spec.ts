import { expect, sandbox, signIn, test, DEMO_PASSWORD } from './fixtures';

test('a page without a session redirects to sign-in and shows no customer data', async ({
  page,
  request,
}) => {
  const [c] = await sandbox.list('limit=1');
  const res = await request.get(`/customers/${c!.customer_id}`, { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers().location).toContain(
    `/login?next=${encodeURIComponent(`/customers/${c!.customer_id}`)}`,
  );
  // Even past the proxy (a forged cookie), the page itself refuses.
  const forged = await request.get(`/customers/${c!.customer_id}`, {
    headers: { cookie: 'desk_session=forged' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(307);
  const body = await forged.text();
  expect(body).not.toContain(c!.email!);
  await page.goto(`/customers/${c!.customer_id}`);
  await expect(page).toHaveURL(/\/login\?next=/);
});

test('sign in returns to the page asked for, and sign out ends the session', async ({ page }) => {
  const [c] = await sandbox.list('limit=1');
  await page.goto(`/customers/${c!.customer_id}`);
  await page.getByLabel('Email').fill('Support@Desk.Test'); // case-insensitive
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${c!.customer_id}$`));
  await expect(page.getByText('support@desk.test · Support')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto(`/customers/${c!.customer_id}`);
  await expect(page).toHaveURL(/\/login/);
});

test('a wrong password gets one generic message and keeps the email', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('ops@desk.test');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is wrong' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('ops@desk.test');
  await page.getByLabel('Email').fill('nobody@desk.test');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is wrong' })).toBeVisible();
});

test('next= never leads off-site', async ({ page }) => {
  await page.goto('/login?next=//evil.example/x');
  await page.getByLabel('Email').fill('viewer@desk.test');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/localhost:\d+\/$/);
});

test('viewer cannot open admin pages', async ({ page }) => {
  await signIn(page, 'viewer');
  const res = await page.goto('/audit');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
});
