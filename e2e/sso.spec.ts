// Single sign-on against the local identity provider (scripts/idp.ts): each role's whole flow, no access
// without a mapped group, a group change at the next sign-in, a disabled account, and break-glass passwords.
import { test, expect, type Page } from '@playwright/test';
import { IDP, SSO } from './env';
import { auditSince, expectSignedIn, idp, lastAuditId, ssoSignIn } from './sso-fixtures';

test.use({ baseURL: SSO.baseURL });
test.beforeEach(() => idp.reset());

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=1$/);
}

const PEOPLE = [
  { email: 'ada@corp.test', role: 'Admin', next: '/staff' },
  { email: 'olu@corp.test', role: 'Operations', next: '/' },
  { email: 'sam@corp.test', role: 'Support', next: '/' },
  { email: 'vic@corp.test', role: 'Viewer', next: '/' },
];

for (const person of PEOPLE) {
  test(`${person.role}: signs in with the company account, lands on the wanted page, signs out`, async ({
    page,
  }) => {
    const since = await lastAuditId();
    await page.goto('/login');
    await expect(page.getByRole('link', { name: `Sign in with ${SSO.providerName}` })).toBeVisible();
    await expect(page.getByText('Break-glass admin only')).toBeVisible();
    await ssoSignIn(page, person.email, person.next);
    await expect(page).toHaveURL(`${SSO.baseURL}${person.next}`);
    await expectSignedIn(page, person.email, person.role);
    if (person.role === 'Admin')
      await expect(page.getByRole('heading', { name: /staff/i }).first()).toBeVisible();
    else {
      await page.goto('/staff');
      await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    }
    await signOut(page);
    const providerSignOut = page.getByRole('link', { name: `Also sign out of ${SSO.providerName}` });
    await expect(providerSignOut).toHaveAttribute('href', new RegExp(`^${IDP.issuer}/session/end\\?`));
    await page.goto('/');
    await expect(page).toHaveURL(/\/login\?next=/);
    const actions = (await auditSince(since))
      .filter((r) => r.actor_email === person.email)
      .map((r) => r.action);
    expect(actions).toContain('auth.sso_sign_in');
    expect(actions).toContain('auth.sign_out');
  });
}

test('someone in no mapped group gets no access, and the page names no groups', async ({ page }) => {
  const since = await lastAuditId();
  await ssoSignIn(page, 'nora@corp.test');
  await expect(page.getByRole('heading', { name: 'No access to Flex Customer Desk' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/desk-|marketing|everyone/);
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('desk_session');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  expect(await auditSince(since)).toContainEqual(
    expect.objectContaining({
      action: 'auth.sso_failed',
      detail: 'no mapped group',
      actor_email: 'nora@corp.test',
    }),
  );
});

test('a group change gives the new role at the next sign-in; removal from all groups ends access', async ({
  browser,
}) => {
  const since = await lastAuditId();
  const first = await browser.newPage();
  await ssoSignIn(first, 'casey@corp.test');
  await expectSignedIn(first, 'casey@corp.test', 'Viewer');

  await idp.setGroups('casey@corp.test', ['everyone', 'desk-ops']);
  const second = await browser.newPage();
  await ssoSignIn(second, 'casey@corp.test');
  await expectSignedIn(second, 'casey@corp.test', 'Operations');
  expect(await auditSince(since)).toContainEqual(
    expect.objectContaining({ action: 'staff.role_from_groups', actor_email: 'casey@corp.test' }),
  );

  await idp.setGroups('casey@corp.test', ['everyone']);
  const third = await browser.newPage();
  await ssoSignIn(third, 'casey@corp.test');
  await expect(third.getByRole('heading', { name: 'No access to Flex Customer Desk' })).toBeVisible();
  // The sessions she held end too.
  await second.reload();
  await expect(second).toHaveURL(/\/login/);
});

async function breakGlassSignIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(SSO.adminEmail);
  await page.getByLabel('Password', { exact: true }).fill(SSO.adminPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectSignedIn(page, SSO.adminEmail, 'Admin');
}

test('a disabled account is refused at its next single sign-on', async ({ browser }) => {
  const dee = await browser.newPage();
  await ssoSignIn(dee, 'dee@corp.test');
  await expectSignedIn(dee, 'dee@corp.test', 'Support');

  const admin = await browser.newPage();
  await breakGlassSignIn(admin);
  await admin.goto('/staff');
  await admin.getByRole('button', { name: 'Disable dee@corp.test' }).click();
  await expect(admin.getByRole('button', { name: 'Enable dee@corp.test' })).toBeVisible();

  const again = await browser.newPage();
  await ssoSignIn(again, 'dee@corp.test');
  await expect(again.getByText('your desk account is disabled')).toBeVisible();
  await again.goto('/');
  await expect(again).toHaveURL(/\/login/);

  await admin.getByRole('button', { name: 'Enable dee@corp.test' }).click();
  await expect(admin.getByRole('button', { name: 'Disable dee@corp.test' })).toBeVisible();
});

test('break-glass: only ADMIN_EMAIL may use a password, and that sign-in is audited as break-glass', async ({
  browser,
}) => {
  const since = await lastAuditId();
  const admin = await browser.newPage();
  await breakGlassSignIn(admin);
  expect(await auditSince(since)).toContainEqual(
    expect.objectContaining({ action: 'auth.break_glass_sign_in', actor_email: SSO.adminEmail }),
  );

  // A staff member with a real password, added by the admin, still may not use it.
  const email = `pw-${Date.now()}@desk.test`;
  await admin.goto('/staff');
  const form = admin.getByRole('form', { name: 'Add staff member' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Name').fill('Pat Password');
  await form.getByLabel('Initial password').fill('a-long-initial-password');
  await form.getByLabel('Role').selectOption('admin');
  await form.getByRole('button', { name: 'Add staff member' }).click();
  await expect(admin.getByRole('status').filter({ hasText: `Added ${email}` })).toBeVisible();

  const other = await browser.newPage();
  for (const [who, password] of [
    [email, 'a-long-initial-password'],
    ['ada@corp.test', IDP.password], // made by single sign-on: has no password at all
  ] as const) {
    await other.goto('/login');
    await other.getByLabel('Email').fill(who);
    await other.getByLabel('Password', { exact: true }).fill(password);
    await other.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(other.getByText('Email or password is wrong')).toBeVisible();
  }
  expect((await other.context().cookies()).map((c) => c.name)).not.toContain('desk_session');
  expect(await auditSince(since)).toContainEqual(
    expect.objectContaining({
      action: 'auth.sign_in_failed',
      actor_email: email,
      detail: 'passwords are break-glass only',
    }),
  );
});
