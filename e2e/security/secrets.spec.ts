// The Flex key is never anywhere a browser or a log reader can see it.
import fs from 'node:fs';
import path from 'node:path';
import { E2E } from '../env';
import { appQuery, customerIn, expect, signIn, test } from '../fixtures';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('the key is in no response, no static file, no log line and no audit row', async ({ page }) => {
  const seen: string[] = [];
  page.on('response', async (r) =>
    seen.push(`${JSON.stringify(r.headers())}\n${await r.text().catch(() => '')}`),
  );
  const c = await customerIn('GB');
  await signIn(page, 'admin', `/customers/${c.customer_id}`);
  await page.getByLabel('Employer').fill('Secret Audit Ltd');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Save to Flex' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  for (const url of ['/', '/?q=smith', '/audit', '/staff', `/customers/${c.customer_id}`, '/audit/export']) {
    await page.goto(url).catch(() => undefined);
  }
  expect(seen.length).toBeGreaterThan(20);
  for (const body of seen) expect(body).not.toContain(E2E.key);

  const statics = filesUnder('.next/static');
  expect(statics.length).toBeGreaterThan(10);
  for (const f of statics) expect(fs.readFileSync(f, 'utf8').includes(E2E.key), f).toBe(false);

  const log = fs.readFileSync(`${E2E.serverEnv.DATA_DIR}/server.log`, 'utf8');
  expect(log).toContain('flex call');
  expect(log).not.toContain(E2E.key);
  expect(log).not.toContain('Secret Audit Ltd');

  const rows = await appQuery('SELECT * FROM audit_log');
  expect(JSON.stringify(rows)).toContain('Secret Audit Ltd');
  expect(JSON.stringify(rows)).not.toContain(E2E.key);
});

test('100 wrong passwords: throttled, audited, and the right password works after the delay', async ({
  page,
}) => {
  await page.goto('/login');
  let throttledAnswers = 0;
  for (let i = 0; i < 100; i++) {
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    await page.getByLabel('Email').fill('ops@desk.test');
    await page.getByLabel('Password').fill(`guess-${i}`);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    if ((await page.getByRole('alert').filter({ hasText: 'Too many failed sign-ins' }).count()) > 0)
      throttledAnswers += 1;
  }
  expect(throttledAnswers).toBeGreaterThan(50);
  const failuresAudited = async () =>
    Number(
      (
        await appQuery<{ n: string }>(
          `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.sign_in_failed' AND actor_email = 'ops@desk.test'`,
        )
      )[0]?.n,
    );
  await expect.poll(failuresAudited).toBeGreaterThanOrEqual(100);
  await page.waitForTimeout(3500);
  await signIn(page, 'ops');
  await expect(page.getByText('ops@desk.test · Operations')).toBeVisible();
});
