// Attacks on single sign-on, each gaining nothing: ID tokens that are forged, tampered with, for another
// audience or issuer, expired, unsigned or with the wrong nonce (the local provider sends them on request);
// a replayed, missing or foreign state; a made-up code; and an open redirect through `next`.
import { test, expect, type Page } from '@playwright/test';
import { IDP, SSO } from './env';
import { auditSince, expectRefused, expectSignedIn, idp, lastAuditId, ssoSignIn } from './sso-fixtures';

test.use({ baseURL: SSO.baseURL });
test.beforeEach(() => idp.reset());

const FAULTS: [fault: string, detail: RegExp][] = [
  ['tamper', /signature/i],
  ['forge', /signature/i],
  ['audience', /aud/],
  ['expired', /exp/],
  ['nonce', /nonce/],
  ['issuer', /iss/],
  ['unsigned', /alg|unsupported|signature/i],
];

/** The server's count of failed single sign-on callbacks, from its /metrics (read from 127.0.0.1). */
async function ssoFailuresCounted(): Promise<number> {
  const text = await (await fetch(`${SSO.baseURL.replace('localhost', '127.0.0.1')}/metrics`)).text();
  const m = /^desk_sign_in_failures_total\{reason="sso_callback"\} (\d+)$/m.exec(text);
  return m ? Number(m[1]) : 0;
}

for (const [fault, detail] of FAULTS) {
  test(`an ID token that is ${fault === 'unsigned' ? 'unsigned' : `wrong (${fault})`} signs no one in`, async ({
    page,
  }) => {
    const since = await lastAuditId();
    const countedBefore = await ssoFailuresCounted();
    await idp.fault(fault);
    await ssoSignIn(page, 'vic@corp.test');
    await expectRefused(page);
    expect(await ssoFailuresCounted()).toBe(countedBefore + 1);
    const failed = (await auditSince(since)).filter((r) => r.action === 'auth.sso_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.detail).toMatch(detail);
    expect((await auditSince(since)).map((r) => r.action)).not.toContain('auth.sso_sign_in');
  });
}

/**
 * Signs in at the provider over HTTP with the page's own cookies, stopping at the redirect to the desk's
 * callback (browsers do not let a test intercept a redirect). Returns that URL, not yet visited.
 */
async function callbackUrlOf(page: Page, email: string): Promise<URL> {
  let next = `${SSO.baseURL}/auth/oidc/login`;
  for (let i = 0; i < 10; i++) {
    if (next.startsWith(`${SSO.baseURL}/auth/oidc/callback`)) return new URL(next);
    const res = /\/interaction\/[\w-]+$/.test(new URL(next).pathname)
      ? await page.request.post(`${next}/login`, { form: { email, password: IDP.password }, maxRedirects: 0 })
      : await page.request.get(next, { maxRedirects: 0 });
    const location = res.headers()['location'];
    if (!location) throw new Error(`no redirect from ${next}: ${res.status()}`);
    next = new URL(location, next).toString();
  }
  throw new Error('too many redirects');
}

test('a callback without state is refused, and uses up the sign-in it tried', async ({ page }) => {
  const since = await lastAuditId();
  const url = await callbackUrlOf(page, 'vic@corp.test');
  const noState = new URL(url);
  noState.searchParams.delete('state');
  await page.goto(noState.toString());
  await expectRefused(page);
  // The genuine callback afterwards finds no transaction: one try per sign-in.
  await page.goto(url.toString());
  await expectRefused(page);
  const failed = (await auditSince(since)).filter((r) => r.action === 'auth.sso_failed');
  expect(failed.map((r) => r.detail)).toEqual([
    expect.stringMatching(/state/),
    expect.stringMatching(/no sign-in in progress/),
  ]);
});

test('a used callback cannot be replayed, in the same browser or another', async ({ page, browser }) => {
  const url = await callbackUrlOf(page, 'vic@corp.test');
  await page.goto(url.toString());
  await expectSignedIn(page, 'vic@corp.test', 'Viewer');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?signed_out=1$/);
  await page.goto(url.toString());
  await expectRefused(page);
  // Another browser (the attacker's, or a victim's sent the link: login CSRF) has no transaction at all.
  const other = await browser.newPage();
  await other.goto(url.toString());
  await expectRefused(other);
});

test("a callback with another browser's state is refused", async ({ page, browser }) => {
  const victim = await browser.newPage();
  const theirs = await callbackUrlOf(victim, 'vic@corp.test');
  const mine = await callbackUrlOf(page, 'ada@corp.test');
  const swapped = new URL(mine);
  swapped.searchParams.set('state', theirs.searchParams.get('state') ?? '');
  await page.goto(swapped.toString());
  await expectRefused(page);
});

test('a made-up code is refused by the provider and signs no one in', async ({ page }) => {
  const since = await lastAuditId();
  const start = await page.request.get('/auth/oidc/login', { maxRedirects: 0 });
  const state = new URL(start.headers()['location'] ?? '').searchParams.get('state');
  expect(state).toBeTruthy();
  await page.goto(
    `/auth/oidc/callback?code=made-up-code&state=${state}&iss=${encodeURIComponent(IDP.issuer)}`,
  );
  await expectRefused(page);
  expect(
    (await auditSince(since)).filter((r) => r.action === 'auth.sso_failed').map((r) => r.detail),
  ).toEqual([expect.stringMatching(/invalid_grant/)]);
});

test('next cannot send the browser off the desk after a single sign-on', async ({ browser }) => {
  for (const next of [
    'https://evil.example/x',
    '//evil.example/x',
    '/\\evil.example',
    '/login?next=//evil.example',
  ]) {
    const page = await browser.newPage();
    await page.goto(`/auth/oidc/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Work email').fill('vic@corp.test');
    await page.getByLabel('Password').fill(IDP.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.origin === SSO.baseURL);
    await expect(page).toHaveURL(`${SSO.baseURL}/`);
    await page.close();
  }
});
