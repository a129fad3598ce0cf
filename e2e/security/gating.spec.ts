// Protected pages stay protected through every URL and header variant; bad ids never reach Flex.
import { E2E } from '../env';
import { expect, sandbox, signIn, test } from '../fixtures';

test('middleware-subrequest headers, RSC and prefetch variants of a protected page are still gated', async ({
  request,
}) => {
  const [c] = await sandbox.list('limit=1');
  const p = `/customers/${c!.customer_id}`;
  const variants: [string, Record<string, string>][] = [
    [p, { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' }],
    [p, { 'x-middleware-subrequest': 'src/middleware:proxy:middleware' }],
    [p, { RSC: '1' }],
    [p, { RSC: '1', 'Next-Router-Prefetch': '1' }],
    [`${p}?_rsc=abc`, { RSC: '1' }],
    [`${p}.rsc`, {}],
    [`${p}/`, {}],
    [p, { Cookie: 'desk_session=forged-token' }],
    [p, { Cookie: '__Host-desk_session=forged-token', 'x-middleware-subrequest': 'proxy' }],
  ];
  for (const [url, headers] of variants) {
    const res = await request.get(url, { headers, maxRedirects: 0 });
    const body = await res.text();
    expect(body, `${url} ${JSON.stringify(headers)}`).not.toContain(c!.email!);
    expect(body).not.toContain(c!.last_name!);
  }
});

test('bad ids in the page URL get "No such customer" and send Flex nothing', async ({ page }) => {
  await signIn(page, 'viewer');
  await sandbox.clearRequests();
  for (const id of [
    '..%2F..%2Fv1%2Fcustomers',
    'fcus_X%3Fx%3D1',
    '%2e%2e%2f',
    '%2F',
    'f'.repeat(10_000),
    'fcus_X?x=1',
  ]) {
    const res = await page.goto(`/customers/${id}`);
    expect([404, 414, 431]).toContain(res?.status());
    if (res?.status() === 404)
      await expect(page.getByRole('heading', { name: /No such customer|not found/i })).toBeVisible();
  }
  const res = await page.goto('/customers/');
  expect(res?.status()).toBe(404);
  expect((await sandbox.requests()).filter((r) => r.path.startsWith('/v1/customers/'))).toEqual([]);
});

test('security headers on pages and no X-Powered-By', async ({ request, page }) => {
  await signIn(page, 'viewer');
  const [c] = await sandbox.list('limit=1');
  const cookie = (await page.context().cookies()).map((x) => `${x.name}=${x.value}`).join('; ');
  for (const url of ['/login', `/customers/${c!.customer_id}`, '/']) {
    const res = await request.get(url, { headers: { Cookie: cookie }, maxRedirects: 0 });
    const h = res.headers();
    expect(h['content-security-policy']).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
    );
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(h['content-security-policy']).toContain(d);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['permissions-policy']).toContain('camera=()');
    expect(h['cache-control']).toContain('no-store');
    expect(h['x-powered-by']).toBeUndefined();
  }
  // Inline scripts carry the nonce; nothing runs without it.
  const html = await (
    await request.get(`/customers/${c!.customer_id}`, { headers: { Cookie: cookie } })
  ).text();
  const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
  expect(nonce).toBeTruthy();
  expect(E2E.baseURL).toContain('localhost');
});
