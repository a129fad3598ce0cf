// A CSV cannot take the desk down: files past a cap are refused with the limit named, a repeated id is
// named by its first rows and a count, an upload without a session is refused before its body is read, and
// while the largest allowed file is read the desk goes on answering others.
import { ulid } from 'ulid';
import { E2E } from '../env';
import { appQuery, expect, sandbox, sessionCookie, signIn, test } from '../fixtures';

const FIELDS = ['customer_id', 'line1', 'line2', 'city', 'state', 'postal_code', 'country'] as const;

function upload(cookie: string | undefined, csv: string) {
  const body = new FormData();
  body.set('file', new File([csv], 'fix.csv', { type: 'text/csv' }));
  const mapping = Object.fromEntries(FIELDS.map((f) => [f, null as number | null]));
  Object.assign(mapping, { customer_id: 0, city: 1 });
  body.set('mapping', JSON.stringify(mapping));
  body.set('blanks', JSON.stringify(Object.fromEntries(FIELDS.slice(1).map((f) => [f, 'keep']))));
  body.set('reason', JSON.stringify({ code: '', detail: '', ticket: '' }));
  return fetch(`${E2E.baseURL}/bulk/upload`, {
    method: 'POST',
    headers: { Origin: E2E.baseURL, 'Sec-Fetch-Site': 'same-origin', ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
}

const runCount = async () => (await appQuery<{ n: string }>('SELECT COUNT(*) AS n FROM bulk_run'))[0]?.n;
const fakeId = () => `fcus_${ulid()}`;
const header = (n: number) =>
  ['customer_id', 'city', ...Array.from({ length: n - 2 }, (_, i) => `note${i}`)].join(',');

test('files past a cap are refused naming the limit, and nothing is created', async ({ page }) => {
  await signIn(page, 'ops', '/bulk');
  const cookie = await sessionCookie(page);
  const runsBefore = await runCount();
  // The review's file: 60,000 header columns over 10,000 short rows.
  const bomb = `${header(60_000)}\n${'x\n'.repeat(10_000)}`;
  let r = await upload(cookie, bomb);
  expect(r.status).toBe(400);
  expect((await r.json()).message).toMatch(/60,000 columns; at most 50 are allowed/);
  // Within the column cap but past the cells cap (40 columns × 5,001 rows).
  r = await upload(
    cookie,
    `${header(40)}\n${Array.from({ length: 5_001 }, () => `${fakeId()},X${','.repeat(38)}`).join('\n')}`,
  );
  expect(r.status).toBe(400);
  expect((await r.json()).message).toMatch(/more than 200,000 cells \(rows × columns\)/);
  // One id 3,000 times and 7 others twice: the message names first rows and counts, not 6,000 rows.
  const id = fakeId();
  const others = Array.from({ length: 7 }, fakeId);
  r = await upload(
    cookie,
    [
      'customer_id,city',
      ...Array.from({ length: 3_000 }, () => `${id},X`),
      ...others.flatMap((o) => [`${o},Y`, `${o},Z`]),
    ].join('\n'),
  );
  const { message } = (await r.json()) as { message: string };
  expect(message).toContain(`${id} (rows 2, 3, 4 and 2,997 more)`);
  expect(message).toMatch(/8 appear more than once: .* and 3 more customers\.$/);
  expect(message.length).toBeLessThan(600);
  expect(await runCount()).toBe(runsBefore);
});

test('an upload without a session is refused by proxy.ts, never parsed', async () => {
  // Next reads a request's body before proxy.ts runs (its proxyClientMaxBodySize, 10 MB by default), so the
  // refusal cannot come before the body arrives; it comes before the route handler parses any of it.
  const csv = `customer_id,city\n${Array.from({ length: 10_000 }, () => `${fakeId()},X`).join('\n')}`;
  const r = await upload(undefined, csv);
  expect(r.status).toBe(401);
  expect(await r.json()).toEqual({
    ok: false,
    kind: 'unauthenticated',
    message: 'Your session has ended. Sign in again.',
  });
  const bogus = await upload('desk_session=made-up-token', csv);
  expect(bogus.status).toBe(401);
});

test('while the largest allowed file is read, sign-in and a customer page still answer within a second', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'ops', '/bulk');
  const cookie = await sessionCookie(page);
  const [c] = await sandbox.list('limit=1');
  // 10,000 rows × 20 columns: every cap reached at once (200,000 cells, ~4.5 MB).
  const filler = Array.from({ length: 18 }, () => 'abcdefghijklmnopqrstu').join(',');
  const csv = `${header(20)}\n${Array.from({ length: 10_000 }, () => `${fakeId()},Austin,${filler}`).join('\n')}`;
  expect(csv.length).toBeLessThan(5 * 1024 * 1024);

  let uploading = true;
  const started = upload(cookie, csv).finally(() => (uploading = false));
  const worst: Record<string, number> = { '/login': 0, customer: 0 };
  let probes = 0;
  while (uploading) {
    for (const [name, url, headers] of [
      ['/login', '/login', {}],
      ['customer', `/customers/${c!.customer_id}`, { Cookie: cookie }],
    ] as const) {
      const t = Date.now();
      const res = await request.get(url, { headers, maxRedirects: 0 });
      expect(res.status()).toBe(200);
      worst[name] = Math.max(worst[name]!, Date.now() - t);
      probes += 1;
    }
  }
  const res = await started;
  expect(res.status).toBe(200);
  const {
    value: { runId },
  } = (await res.json()) as { value: { runId: string } };
  // The run's dry run would read 10,000 made-up customers from Flex: stop it.
  await appQuery(`UPDATE bulk_run SET state = 'cancelled' WHERE id = $1`, [runId]);
  expect(probes).toBeGreaterThanOrEqual(2);
  // The requirement is "within a second": this is that bound, not a performance target. A page of
  // the desk normally answers in tens of milliseconds; a parse that blocked the event loop showed as 38 s.
  expect(worst['/login'], JSON.stringify(worst)).toBeLessThan(1000);
  expect(worst.customer, JSON.stringify(worst)).toBeLessThan(1000);
});
