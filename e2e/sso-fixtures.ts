// Helpers for the single sign-on specs: the local identity provider's test routes (scripts/idp-server.ts),
// the browser flow through its login form, and the SSO app's audit trail.
import { expect, type Page } from '@playwright/test';
import { appQuery } from './fixtures';
import { IDP, SSO } from './env';

async function idpAdmin(method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${IDP.issuer}${path}`, {
    method,
    headers: { 'x-idp-admin-secret': IDP.adminSecret, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`idp admin ${method} ${path}: ${res.status}`);
}

export const idp = {
  reset: () => idpAdmin('POST', '/__idp/reset'),
  setGroups: (email: string, groups: string[]) =>
    idpAdmin('PUT', `/__idp/users/${encodeURIComponent(email)}/groups`, { groups }),
  fault: (fault: string) => idpAdmin('PUT', '/__idp/fault', { fault }),
};

/** From the desk's /login through the provider's form; returns once the browser is back at the desk. */
export async function ssoSignIn(page: Page, email: string, next = '/'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByRole('link', { name: `Sign in with ${SSO.providerName}` }).click();
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(IDP.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((u) => u.origin === SSO.baseURL);
}

export async function expectSignedIn(page: Page, email: string, roleLabel: string): Promise<void> {
  await expect(page.getByText(`${email} · ${roleLabel}`)).toBeVisible();
}

/** Refused: back on /login with the SSO message, and no desk session. */
export async function expectRefused(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/login\?sso=failed$/);
  await expect(page.getByText('Single sign-on did not complete')).toBeVisible();
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('desk_session');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
}

export type AuditRow = { id: number; action: string; actor_email: string | null; detail: string | null };

const ssoQuery = <R extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  appQuery<R>(text, params, SSO.serverEnv.DATA_DIR);

/** The SSO app's audit rows after `afterId`, oldest first. */
export function auditSince(afterId: number): Promise<AuditRow[]> {
  return ssoQuery<AuditRow>(
    'SELECT id, action, actor_email, detail FROM audit_log WHERE id > $1 ORDER BY id',
    [afterId],
  );
}

export async function lastAuditId(): Promise<number> {
  const [r] = await ssoQuery<{ id: number }>('SELECT COALESCE(MAX(id), 0)::int AS id FROM audit_log');
  return r?.id ?? 0;
}
