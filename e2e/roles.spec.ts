import { E2E } from './env';
import {
  callAction,
  captureSaveAction,
  customerIn,
  expect,
  sandbox,
  sessionCookie,
  signIn,
  test,
} from './fixtures';

test('a viewer sees everything plain, with no way to save', async ({ page }) => {
  const c = await customerIn('US');
  await signIn(page, 'viewer', `/customers/${c.customer_id}`);
  await expect(page.getByText(c.email!).first()).toBeVisible();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  await expect(
    page.getByRole('img', {
      name: /Locked: Only Operations and Admin staff can change the shipping address/,
    }),
  ).toBeVisible();
});

test('support cannot change the address; ops cannot change the email', async ({ page }) => {
  const c = await customerIn('US');
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await expect(page.getByLabel('Email')).toBeEditable();
  await expect(page.getByLabel('City')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'ops', `/customers/${c.customer_id}`);
  await expect(page.getByLabel('City')).toBeEditable();
  await expect(page.getByLabel('Email')).toHaveCount(0);
});

test('a direct call of the save action is refused for a viewer, without a session, and across origins', async ({
  page,
  browser,
}) => {
  const c = await customerIn('US');
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  const { actionId, body } = await captureSaveAction(page, c.customer_id);
  const path = `/customers/${c.customer_id}`;
  await sandbox.clearRequests();

  const viewerPage = await browser.newPage();
  await signIn(viewerPage, 'viewer');
  const viewerCookie = await sessionCookie(viewerPage);
  const asViewer = await callAction({ path, actionId, body, cookie: viewerCookie });
  expect(asViewer.text).toContain('forbidden');
  expect(asViewer.text).toContain('Your role cannot change');

  const anonymous = await callAction({ path, actionId, body });
  expect(anonymous.text).toContain('unauthenticated');

  const supportCookie = await sessionCookie(page);
  for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'null' }]) {
    const r = await callAction({ path, actionId, body, cookie: supportCookie, headers });
    expect(r.text).not.toContain('"ok":true');
  }
  const noOrigin = await fetch(`${E2E.baseURL}${path}`, {
    method: 'POST',
    headers: {
      'Next-Action': actionId,
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      Cookie: supportCookie,
    },
    body,
  });
  expect(await noOrigin.text()).not.toContain('"ok":true');

  expect((await sandbox.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
  expect((await sandbox.get(c.customer_id)).employer).toBe(c.employer);

  // The refusal is in the audit trail.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'admin', `/audit?action=customer.update.denied&customer=${c.customer_id}`);
  await expect(page.getByRole('table')).toContainText('viewer@desk.test');
  await viewerPage.close();
});

test('the Flex key never reaches the browser', async ({ page }) => {
  const bodies: string[] = [];
  page.on('response', async (r) => {
    bodies.push((await r.text().catch(() => '')) + JSON.stringify(r.headers()));
  });
  const c = await customerIn('US');
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await page.getByLabel('Employer').fill('Keyless');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Save to Flex' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Metadata' })).toBeVisible();
  await page.goto('/');
  expect(bodies.length).toBeGreaterThan(10);
  for (const b of bodies) expect(b).not.toContain(E2E.key);
  const html = await page.content();
  expect(html).not.toContain('fsk_');
});
