// Attacks on the save action as a public HTTP endpoint. Each asserts the outcome and that Flex got nothing.
import { E2E } from '../env';
import {
  appQuery,
  auditRows,
  callAction,
  captureSaveAction,
  customerIn,
  expect,
  sandbox,
  sessionCookie,
  signIn,
  test,
} from '../fixtures';
import type { Page } from '@playwright/test';

let action: { actionId: string; body: string };
let target: Awaited<ReturnType<typeof customerIn>>;
const path = () => `/customers/${target.customer_id}`;

async function arm(page: Page) {
  target = await customerIn('US');
  await signIn(page, 'support', path());
  action = await captureSaveAction(page, target.customer_id);
  await sandbox.clearRequests();
}

function withInput(mutate: (input: Record<string, unknown>) => unknown): string {
  const args = JSON.parse(action.body) as Record<string, unknown>[];
  return JSON.stringify([mutate(structuredClone(args[0]!))]);
}

async function noPatchSent() {
  expect((await sandbox.requests()).filter((r) => r.method !== 'GET')).toEqual([]);
}

test('no session, an expired session, a disabled account and a viewer are refused and audited', async ({
  page,
  browser,
}) => {
  await arm(page);
  const before = (await auditRows()).length;

  expect((await callAction({ path: path(), ...action })).text).toContain('unauthenticated');

  const expired = await browser.newPage();
  await signIn(expired, 'support');
  const expiredCookie = await sessionCookie(expired);
  await appQuery(`UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000Z'`);
  expect((await callAction({ path: path(), ...action, cookie: expiredCookie })).text).toContain(
    'unauthenticated',
  );

  const viewer = await browser.newPage();
  await signIn(viewer, 'viewer');
  const r = await callAction({ path: path(), ...action, cookie: await sessionCookie(viewer) });
  expect(r.text).toContain('forbidden');

  // A disabled account: disable the viewer directly, then use its live cookie.
  const viewerCookie = await sessionCookie(viewer);
  await appQuery(`UPDATE staff SET disabled = 1 WHERE email = 'viewer@desk.test'`);
  try {
    expect((await callAction({ path: path(), ...action, cookie: viewerCookie })).text).toContain(
      'unauthenticated',
    );
  } finally {
    await appQuery(`UPDATE staff SET disabled = 0 WHERE email = 'viewer@desk.test'`);
  }
  await noPatchSent();
  const refusals = (await auditRows('id > $1', before)).filter((a) => a.outcome === 'rejected');
  expect(refusals.length).toBeGreaterThanOrEqual(4);
  expect(
    refusals.some((a) => a.action === 'customer.update.denied' && a.actor_email === 'viewer@desk.test'),
  ).toBe(true);
  expect(
    refusals.filter((a) => a.detail === 'action call without a valid session').length,
  ).toBeGreaterThanOrEqual(3);
  await expired.close();
  await viewer.close();
});

test('cross-origin, null-origin and origin-less calls with a valid session are refused', async ({ page }) => {
  await arm(page);
  const cookie = await sessionCookie(page);
  const variants: Record<string, string>[] = [
    { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    { Origin: 'null' },
    { Origin: '', 'Sec-Fetch-Site': 'none' },
  ];
  for (const headers of variants) {
    const r = await callAction({ path: path(), ...action, cookie, headers });
    expect(r.text).not.toContain('"ok":true');
  }
  const bare = await fetch(`${E2E.baseURL}${path()}`, {
    method: 'POST',
    headers: { 'Next-Action': action.actionId, 'Content-Type': 'text/plain;charset=UTF-8', Cookie: cookie },
    body: action.body,
  });
  expect(await bare.text()).not.toContain('"ok":true');
  await noPatchSent();
});

test('bad customer ids in the action arguments get a clean answer and send nothing', async ({ page }) => {
  await arm(page);
  const cookie = await sessionCookie(page);
  for (const id of [
    '../../v1/customers',
    'fcus_X?x=1',
    '%2e%2e%2f',
    '%2F',
    '',
    'f'.repeat(10_000),
    'fcus_01HACM7FZ1084XB1GB6053VM0D/../x',
  ]) {
    const r = await callAction({ path: path(), ...action, cookie, body: withInput((i) => ({ ...i, id })) });
    expect(r.text).toMatch(/Not a customer id|unexpected/);
  }
  await noPatchSent();
});

test('extra keys in the input are rejected and never forwarded', async ({ page }) => {
  await arm(page);
  const cookie = await sessionCookie(page);
  const variants = [
    (i: Record<string, unknown>) => ({ ...i, customer_id: 'fcus_01HACM7FZ1084XB1GB6053VM0D' }),
    (i: Record<string, unknown>) => ({ ...i, values: { ...(i.values as object), test_mode: false } }),
    (i: Record<string, unknown>) => ({
      ...i,
      values: { ...(i.values as object), customer_id: 'fcus_01HACM7FZ1084XB1GB6053VM0D' },
    }),
    (i: Record<string, unknown>) => ({
      ...i,
      values: { ...(i.values as object), constructor: { prototype: { admin: true } } },
    }),
  ];
  for (const v of variants) {
    const r = await callAction({ path: path(), ...action, cookie, body: withInput(v) });
    expect(r.text).not.toContain('"ok":true');
  }
  await noPatchSent();
  // React's reply decoder drops a __proto__ key before our code sees it: whatever happens, it never reaches Flex.
  const proto = action.body.replace('"values":{', '"values":{"__proto__":{"polluted":true},');
  await callAction({ path: path(), ...action, cookie, body: proto });
  for (const r of await sandbox.requests()) expect(r.body).not.toContain('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('CR/LF, control and direction characters sent straight to the action are refused at their field', async ({
  page,
}) => {
  await arm(page);
  const cookie = await sessionCookie(page);
  for (const [field, value] of [
    ['last_name', 'Doe\r\nBcc: x@example.com'],
    ['first_name', 'a\u0000b'],
    ['employer', 'abc\u202Egnp.exe'],
    ['email', `${'x'.repeat(10_000)}@example.com`],
  ] as const) {
    const r = await callAction({
      path: path(),
      ...action,
      cookie,
      body: withInput((i) => ({ ...i, values: { ...(i.values as object), [field]: value } })),
    });
    expect(r.text).toContain('"kind":"invalid"');
    expect(r.text).toContain(`"${field}"`);
  }
  await noPatchSent();
});

test('oversized input: 1 MB and 10,000-key metadata and 50-deep nesting are refused before Flex', async ({
  page,
}) => {
  await arm(page);
  const cookie = await sessionCookie(page);
  let deep: unknown = 1;
  for (let i = 0; i < 50; i++) deep = { d: deep };
  const cases = [
    JSON.stringify({ big: 'x'.repeat(1024 * 1024) }),
    JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))),
    JSON.stringify(deep),
  ];
  for (const metadata of cases) {
    const r = await callAction({
      path: path(),
      ...action,
      cookie,
      body: withInput((i) => ({ ...i, values: { ...(i.values as object), metadata } })),
    });
    expect(r.text).not.toContain('"ok":true');
  }
  await noPatchSent();
});

test('the same attacks through the page itself: nested metadata gets a clear error', async ({ page }) => {
  target = await customerIn('US');
  await signIn(page, 'support', path());
  let deep: unknown = 1;
  for (let i = 0; i < 50; i++) deep = { d: deep };
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await page.getByRole('textbox', { name: 'Metadata' }).fill(JSON.stringify(deep));
  await sandbox.clearRequests();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Metadata can be nested at most 5 levels deep.')).toBeVisible();
  await noPatchSent();
});
