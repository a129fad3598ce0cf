// Fixtures that drive the sandbox over its admin routes: reset, faults, the request log, direct API calls.
import { test as base, expect, type Page } from '@playwright/test';
import pg from 'pg';
import { embeddedUrlFor } from '../scripts/pg-embedded';
import { E2E } from './env';

type Fault = {
  method?: string;
  path?: string;
  kind: 'latency' | 'status' | 'reset' | 'malformed' | 'html' | 'slow';
  ms?: number;
  status?: number;
  retryAfter?: number;
  param?: string;
  message?: string;
  phase?: 'before' | 'after';
  times?: number;
};

export type RecordedRequest = {
  method: string;
  path: string;
  query: string;
  body: string;
  authorization?: string;
  status: number;
};
export type WireCustomer = {
  customer_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  employer: string | null;
  // Legacy records may hold null or {} here; the specs that read these pick records that have them.
  shipping: Record<string, string>;
  metadata: Record<string, unknown>;
  created_at: string;
  test_mode: boolean;
};

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${E2E.sandboxURL}${path}`, {
    method,
    headers: { 'x-sandbox-admin-secret': E2E.adminSecret, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox admin ${method} ${path}: ${res.status}`);
  return res.json();
}

async function flexApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${E2E.sandboxURL}/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${E2E.key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

export const sandbox = {
  /** A seeded customer found by exact email (the legacy records have stable emails). */
  byEmail: async (email: string) => {
    const [c] = (
      await flexApi<{ customers: WireCustomer[] }>('GET', `/customers?email=${encodeURIComponent(email)}`)
    ).customers;
    if (!c) throw new Error(`no seeded customer with email ${email}`);
    return c;
  },
  reset: () => admin('POST', '/__sandbox/reset'),
  faults: (faults: Fault[], latencyMs = 0) => admin('PUT', '/__sandbox/faults', { faults, latencyMs }),
  clearFaults: () => admin('DELETE', '/__sandbox/faults'),
  requests: async () =>
    ((await admin('GET', '/__sandbox/requests')) as { requests: RecordedRequest[] }).requests,
  clearRequests: () => admin('DELETE', '/__sandbox/requests'),
  list: async (query = 'limit=10') =>
    (await flexApi<{ customers: WireCustomer[] }>('GET', `/customers?${query}`)).customers,
  get: async (id: string) => (await flexApi<{ customer: WireCustomer }>('GET', `/customers/${id}`)).customer,
  patch: async (id: string, customer: Record<string, unknown>) =>
    (await flexApi<{ customer: WireCustomer }>('PATCH', `/customers/${id}`, { customer })).customer,
};

export const test = base.extend<{ freshSandbox: void }>({
  freshSandbox: [
    async ({}, use) => {
      await sandbox.reset();
      await use();
      await sandbox.clearFaults();
    },
    { auto: true },
  ],
});

export { expect };

export const DEMO_PASSWORD = 'desk-demo-password';
export type Role = 'admin' | 'support' | 'ops' | 'viewer';
export const emailOf = (role: Role) => `${role}@desk.test`;

/** Signs in through the real form. */
export async function signIn(page: Page, role: Role, next = '/'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(emailOf(role));
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export async function customerIn(
  country: string,
  pred: (c: WireCustomer) => boolean = () => true,
): Promise<WireCustomer> {
  const all = await sandbox.list('limit=100');
  const c = all.find(
    (x) => (country === '' || (x.shipping as Record<string, string> | null)?.country === country) && pred(x),
  );
  if (!c) throw new Error(`no seeded customer in ${country}`);
  return c;
}

/**
 * Captures the save action's id and request body by intercepting (and aborting) one save from the page,
 * so a test can then call the action directly, as an attacker would.
 */
export async function captureSaveAction(
  page: Page,
  customerId: string,
): Promise<{ actionId: string; body: string }> {
  let captured: { actionId: string; body: string } | undefined;
  await page.route(`**/customers/${customerId}`, async (route) => {
    const req = route.request();
    const id = req.headers()['next-action'];
    if (req.method() === 'POST' && id) {
      // Aborted before it counts as captured: unrouting while this handler still ran could let it through.
      const body = req.postData() ?? '';
      await route.abort();
      captured = { actionId: id, body };
    } else {
      await route.continue();
    }
  });
  await page.getByLabel('Employer').fill(`Captured ${Date.now()}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Save to Flex' }).click();
  await expect.poll(() => captured).toBeDefined();
  await page.unroute(`**/customers/${customerId}`);
  return captured!;
}

/** Calls a server action over plain HTTP with the given cookie and headers. */
export async function callAction(opts: {
  path: string;
  actionId: string;
  body: string;
  cookie?: string;
  headers?: Record<string, string>;
}) {
  const res = await fetch(`${E2E.baseURL}${opts.path}`, {
    method: 'POST',
    headers: {
      'Next-Action': opts.actionId,
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      Origin: E2E.baseURL,
      'Sec-Fetch-Site': 'same-origin',
      ...(opts.cookie ? { Cookie: opts.cookie } : {}),
      ...opts.headers,
    },
    body: opts.body,
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Edits go through the review dialog: open it, confirm, and wait for Flex's answer. */
export async function saveReviewed(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('dialog', { name: 'Review changes' })
    .getByRole('button', { name: 'Save to Flex' })
    .click();
  await expect(page.getByText('No unsaved changes')).toBeVisible();
}

export async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/**
 * A query on the app database of an e2e server (the main one unless another's DATA_DIR is given), for
 * checks a browser cannot make (session ages, audit rows).
 */
export async function appQuery<R extends Record<string, unknown>>(
  text: string,
  params: unknown[] = [],
  dataDir = E2E.serverEnv.DATA_DIR!,
): Promise<R[]> {
  const url = embeddedUrlFor(dataDir);
  if (!url) throw new Error(`The e2e server's embedded PostgreSQL (${dataDir}) is not running.`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export type AuditRow = {
  id: number;
  action: string;
  outcome: string;
  actor_email: string | null;
  customer_id: string | null;
  detail: string | null;
  completes_id: number | null;
};

/** Audit rows matching a SQL condition ($1, $2 … for the arguments), in sequence order. */
export function auditRows(where = '1=1', ...args: unknown[]): Promise<AuditRow[]> {
  return appQuery<AuditRow>(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`, args);
}
