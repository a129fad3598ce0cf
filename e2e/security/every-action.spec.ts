// Every server action in the production build, called over HTTP as an attacker would: the ids come from the
// build's own server-reference manifest, so an action added tomorrow is called too. With no session and with
// a made-up one, each must answer with authAction's refusal (or be one of the two public actions, sign-in
// and sign-out); none may return customer data; and as a viewer none may change anything.
import fs from 'node:fs';
import path from 'node:path';
import { E2E } from '../env';
import { appQuery, callAction, expect, sandbox, sessionCookie, signIn, test } from '../fixtures';

type Entry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
const manifest = JSON.parse(
  fs.readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8'),
) as { node: Record<string, Entry> };

// Sign-in needs no session by nature; sign-out without one changes nothing. Both refuse other sites.
const PUBLIC = new Set(['app/login/actions.ts#signIn', 'app/login/actions.ts#signOut']);
const RUN_ID = 'blk_01HACM7FZ1084XB1GB6053VM0D';

const actions = Object.entries(manifest.node).map(([id, e]) => ({
  id,
  name: `${e.filename ?? '?'}#${e.exportedName ?? '?'}`,
  // A page that bundles the action: Next finds an action only through a page that imports it.
  page: Object.keys(e.workers).find((w) => w !== 'app/_not-found/page') ?? 'app/page',
}));

async function snapshot() {
  const [state] = await appQuery<{ staff: string; sessions: string; runs: string; writes: string }>(`
    SELECT (SELECT md5(string_agg(id || role || disabled || password_hash, ',' ORDER BY id)) FROM staff) AS staff,
           (SELECT md5(string_agg(id_hash, ',' ORDER BY id_hash)) FROM sessions) AS sessions,
           (SELECT md5(COALESCE(string_agg(id || state, ',' ORDER BY id), '')) FROM bulk_run) AS runs,
           (SELECT COUNT(*) FROM audit_log WHERE outcome IN ('success', 'pending')) AS writes`);
  return state;
}

test('the manifest lists the actions this build has', () => {
  expect(actions.length).toBeGreaterThanOrEqual(12);
  expect(actions.map((a) => a.name)).toContain('app/customers/[id]/actions.ts#saveCustomer');
});

test('every action, with no session, a made-up session and as a viewer: refused, no data, nothing changed', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const customers = await sandbox.list('limit=10');
  const c = customers[0]!;
  const secrets = customers
    .flatMap((x) => [x.email, x.last_name])
    .filter((v): v is string => !!v && v.length > 3);
  const [staff] = await appQuery<{ id: string }>(`SELECT id FROM staff WHERE email = 'admin@desk.test'`);
  const argSets = [
    [],
    [c.customer_id],
    [c.email],
    [{ limit: 10 }],
    [
      {
        id: c.customer_id,
        original: {},
        values: { first_name: 'Pwned' },
        reason: { code: 'other', detail: 'x', ticket: '' },
      },
    ],
    [{ kind: 'password', id: staff!.id, password: 'pwned-password-123' }],
    [{ kind: 'role', id: staff!.id, role: 'viewer' }],
    [{ email: 'new@evil.example', displayName: 'Evil', role: 'admin', password: 'pwned-password-123' }],
    [RUN_ID, 'cancel', ''],
  ];
  await signIn(page, 'viewer');
  const viewer = await sessionCookie(page);
  const callers: [string, string | undefined][] = [
    ['no session', undefined],
    ['a made-up session', 'desk_session=made-up-token-0123456789abcdef; __Host-desk_session=made-up'],
    ['a viewer', viewer],
  ];
  const urlOf = (worker: string) =>
    worker
      .replace(/^app/, '')
      .replace(/\/page$/, '')
      .replace('customers/[id]', `customers/${c.customer_id}`)
      .replace('bulk/[id]', `bulk/${RUN_ID}`) || '/';

  await sandbox.clearRequests();
  const before = await snapshot();
  for (const [who, cookie] of callers)
    for (const a of actions) {
      // Signing out as the viewer ends the viewer's own session: that is what it is for.
      if (who === 'a viewer' && a.name.endsWith('#signOut')) continue;
      for (const args of argSets) {
        const r = await callAction({
          path: urlOf(a.page),
          actionId: a.id,
          body: JSON.stringify(args),
          cookie,
        });
        const what = `${a.name} ${JSON.stringify(args)} with ${who}`;
        expect(r.text, what).not.toContain('Failed to find Server Action');
        if (who !== 'a viewer') {
          for (const s of secrets) expect(r.text.includes(s), `${what} returned customer data`).toBe(false);
          if (!PUBLIC.has(a.name))
            expect(r.text, `${what}: not refused by authAction`).toContain('"kind":"unauthenticated"');
        }
      }
    }
  expect(await snapshot()).toEqual(before);
  expect((await sandbox.requests()).filter((r) => r.method !== 'GET')).toEqual([]);
});

// Every route handler in the build goes through authRoute, but for the ones that are public by nature: the
// health and metrics endpoints (no customer data, metrics has its own token), the signed Flex webhook and the
// two single sign-on steps. A handler added tomorrow is called here too, and must refuse a caller without a
// session before it reads anything.
const PUBLIC_ROUTES = new Set([
  '/livez',
  '/readyz',
  '/metrics',
  '/webhooks/flex',
  '/auth/oidc/login',
  '/auth/oidc/callback',
]);
const routes = Object.keys(
  JSON.parse(fs.readFileSync(path.join('.next', 'server', 'app-paths-manifest.json'), 'utf8')) as Record<
    string,
    string
  >,
)
  .filter((p) => p.endsWith('/route'))
  .map((p) => p.replace(/\/route$/, ''))
  .filter((p) => !PUBLIC_ROUTES.has(p) && !/\.(ico|svg|png|txt|xml)$/.test(p));

test('every route handler, with no session or a made-up one: refused, no data, nothing changed', async () => {
  expect(routes).toEqual(expect.arrayContaining(['/bulk/upload', '/customers/[id]/events', '/audit/export']));
  const [c] = await sandbox.list('limit=1');
  await sandbox.clearRequests();
  const before = await snapshot();
  for (const route of routes) {
    const url = route.replace('[id]', route.startsWith('/bulk') ? RUN_ID : c!.customer_id);
    let refusals = 0;
    for (const cookie of [undefined, 'desk_session=made-up-token-0123456789abcdef'])
      for (const method of ['GET', 'POST']) {
        const res = await fetch(`${E2E.baseURL}${url}`, {
          method,
          headers: {
            Origin: E2E.baseURL,
            'Sec-Fetch-Site': 'same-origin',
            ...(cookie ? { Cookie: cookie } : {}),
          },
          body: method === 'POST' ? 'customer_id,city\n' : undefined,
          redirect: 'manual',
        });
        const text = await res.text();
        const what = `${method} ${url} with ${cookie ? 'a made-up session' : 'no session'}`;
        for (const secret of [c!.email, c!.last_name].filter((v): v is string => !!v && v.length > 3))
          expect(text.includes(secret), `${what} returned customer data`).toBe(false);
        if (res.status === 307 && !cookie) {
          // proxy.ts's optimistic redirect of a page request without any session cookie.
          expect(new URL(res.headers.get('location')!, E2E.baseURL).pathname, what).toBe('/login');
        } else if (res.status === 401) {
          expect(JSON.parse(text), what).toEqual({
            ok: false,
            kind: 'unauthenticated',
            message: 'Your session has ended. Sign in again.',
          });
          refusals += 1;
        } else expect(res.status, what).toBe(405);
      }
    expect(refusals, `${route} never answered authRoute's refusal`).toBeGreaterThanOrEqual(1);
  }
  expect(await snapshot()).toEqual(before);
  expect(await sandbox.requests()).toEqual([]);
});
