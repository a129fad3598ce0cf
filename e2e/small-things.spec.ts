// Small things a new user notices: the icon (no 404 for /favicon.ico), the metadata row at a common laptop
// width, and an audit outcome worded for its action.
import type { Locator, Page } from '@playwright/test';
import { customerIn, expect, signIn, test, type WireCustomer } from './fixtures';

/** Every icon the page declares, and /favicon.ico itself (browsers ask for it regardless), is an image. */
async function expectIconsServed(page: Page) {
  const declared = await page
    .locator('link[rel~="icon"]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(declared.map((h) => new URL(h).pathname)).toContain('/favicon.ico');
  for (const href of [...declared, new URL('/favicon.ico', page.url()).href]) {
    // No redirects followed: a signed-out request sent to /login would otherwise end in a 200 HTML page.
    const res = await page.request.get(href, { maxRedirects: 0 });
    expect(res.status(), href).toBe(200);
    expect(res.headers()['content-type'], href).toMatch(/^image\//);
  }
}

test('the login page and a signed-in page load with an icon, no 404 and no console error', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() === 404) problems.push(`404: ${r.url()}`);
  });

  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectIconsServed(page); // signed out: the proxy must not send icons to /login

  await signIn(page, 'admin');
  await expect(page.getByRole('heading', { name: 'Newest customers' })).toBeVisible();
  await expectIconsServed(page);
  expect(problems).toEqual([]);
});

const hasMetadata = (c: WireCustomer) =>
  typeof c.metadata === 'object' && c.metadata !== null && Object.keys(c.metadata).length > 0;

async function boxOf(l: Locator) {
  const box = await l.boundingBox();
  if (!box) throw new Error(`${l.toString()} has no box`);
  return box;
}

/** The two boxes share a line: their vertical extents overlap. */
function sameLine(a: { y: number; height: number }, b: { y: number; height: number }) {
  return a.y < b.y + b.height && b.y < a.y + a.height;
}

test('a metadata row keeps key, value and remove on one line at 1366 px, and fits a phone', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const c = await customerIn('', hasMetadata);
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  const key = page.getByLabel('Key 1', { exact: true });
  await expect(key).toBeVisible();
  const row = key.locator('xpath=..');
  const value = row.getByLabel('Value 1', { exact: true });
  const type = row.getByLabel('Value type 1', { exact: true });
  const remove = row.getByRole('button', { name: /^Remove / });
  await expect(remove).toBeVisible();

  // The layout settles once the page's late parts (history, label preview) are in: measure when it has.
  await expect
    .poll(async () => sameLine(await boxOf(remove), await boxOf(key)), { message: 'remove beside the key' })
    .toBe(true);
  let k = await boxOf(key);
  let v = await boxOf(value);
  let r = await boxOf(remove);
  expect(sameLine(v, k), 'value beside the key').toBe(true);
  expect(r.x).toBeGreaterThanOrEqual(v.x + v.width);
  expect(r.width).toBeGreaterThanOrEqual(24);
  expect(r.height).toBeGreaterThanOrEqual(24);

  // On a phone the row may take two lines, in reading order (key and value, then type and remove), and
  // stays inside the metadata box.
  await page.setViewportSize({ width: 390, height: 844 });
  const group = await boxOf(page.getByRole('group', { name: 'Metadata', exact: true }));
  k = await boxOf(key);
  v = await boxOf(value);
  r = await boxOf(remove);
  const t = await boxOf(type);
  expect(sameLine(v, k), 'value beside the key').toBe(true);
  expect(sameLine(r, t), 'remove beside the type').toBe(true);
  for (const b of [k, v, t, r]) {
    expect(b.x).toBeGreaterThanOrEqual(group.x);
    expect(b.x + b.width).toBeLessThanOrEqual(group.x + group.width + 0.5);
  }
  expect(r.width).toBeGreaterThanOrEqual(24);
  expect(r.height).toBeGreaterThanOrEqual(24);
});

test('/audit words a sign-in as "Signed in", not "Saved"', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/audit?action=auth.sign_in&actor=admin%40desk.test');
  const table = page.getByRole('table');
  const first = table.getByRole('row').nth(1);
  await expect(first).toContainText('auth.sign_in');
  await expect(first.getByRole('cell', { name: 'Signed in', exact: true })).toBeVisible();
  await expect(table).not.toContainText('Saved');
});
