// After sign-in the browser goes only to this app. Every place that takes a `next` is driven through the
// real endpoints with a generated sample of hostile values (test/hostile.ts; the unit property test of
// safeNext runs thousands), plus the review's own reproductions.
import fc from 'fast-check';
import type { APIRequestContext } from '@playwright/test';
import { KNOWN_NEXT, hostileNext, staysOn } from '../../test/hostile';
import { E2E, IDP, SSO } from '../env';
import { DEMO_PASSWORD, emailOf, expect, sessionCookie, signIn, test } from '../fixtures';

const sample = (n: number, seed: number) => [...KNOWN_NEXT, ...fc.sample(hostileNext, { numRuns: n, seed })];

test('the signed-in /login redirect stays on the desk for every generated next', async ({
  page,
  request,
}) => {
  await signIn(page, 'viewer');
  const cookie = await sessionCookie(page);
  for (const next of sample(300, 1601)) {
    const res = await request.get(`/login?next=${encodeURIComponent(next)}`, {
      headers: { Cookie: cookie },
      maxRedirects: 0,
    });
    expect(res.status(), JSON.stringify(next)).toBe(307);
    const location = res.headers()['location']!;
    expect(staysOn(E2E.baseURL, location), `${JSON.stringify(next)} → ${location}`).toBe(true);
  }
});

test('password sign-in sends the browser only to the desk, whatever next the form carries', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  for (const next of sample(20, 1602)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    // The form carries what the page made safe; an attacker posts their own value, so set it raw.
    await page.locator('input[name="next"]').evaluate((el, v) => ((el as HTMLInputElement).value = v), next);
    await page.getByLabel('Email').fill(emailOf('viewer'));
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login') || u.origin !== E2E.baseURL);
    expect(new URL(page.url()).origin, JSON.stringify(next)).toBe(E2E.baseURL);
    await context.close();
  }
});

/** The single sign-on flow over HTTP up to the desk's callback, then the callback's own redirect. */
async function ssoLandsOn(request: APIRequestContext, next: string): Promise<string> {
  let url = `${SSO.baseURL}/auth/oidc/login?next=${encodeURIComponent(next)}`;
  for (let i = 0; i < 12; i++) {
    const isCallback = url.startsWith(`${SSO.baseURL}/auth/oidc/callback`);
    const res = /\/interaction\/[\w-]+$/.test(new URL(url).pathname)
      ? await request.post(`${url}/login`, {
          form: { email: 'vic@corp.test', password: IDP.password },
          maxRedirects: 0,
        })
      : await request.get(url, { maxRedirects: 0 });
    const location = res.headers()['location'];
    if (!location) throw new Error(`no redirect from ${url}: ${res.status()}`);
    if (isCallback) return location;
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}

test('single sign-on start and callback send the browser only to the desk, for every generated next', async ({
  playwright,
}) => {
  test.setTimeout(180_000);
  for (const next of sample(40, 1603)) {
    // A fresh cookie jar each time: the transaction cookie belongs to one sign-in.
    const request = await playwright.request.newContext();
    const location = await ssoLandsOn(request, next);
    expect(staysOn(SSO.baseURL, location), `${JSON.stringify(next)} → ${location}`).toBe(true);
    // The sign-in itself succeeded, so this is the redirect to `next`, not a refusal.
    expect(location).not.toContain('sso=failed');
    await request.dispose();
  }
});
