import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LEGACY_COUNTS, legacyCustomers, REFERENCE_EMAIL, type LegacyKind } from './legacy-seed';
import { SEED_COUNTS } from './seed';
import { startSandbox, type Sandbox } from './server';

const TEST_KEY = 'fsk_test_unit';
const LIVE_KEY = 'fsk_live_unit';
const ADMIN = 'admin-secret-for-tests-0123';
let sb: Sandbox;
let dir: string;

type Json = Record<string, unknown> & {
  customer?: Record<string, unknown>;
  customers?: Record<string, unknown>[];
};

async function api(method: string, p: string, body?: unknown, key: string | null = TEST_KEY) {
  const res = await fetch(`${sb.url}${p}`, {
    method,
    headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
}

const ids = (r: { json: Json }) => (r.json.customers ?? []).map((c) => c.customer_id as string);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-test-'));
  sb = await startSandbox({ dataDir: dir, keys: [TEST_KEY, LIVE_KEY], rate: 10_000, adminSecret: ADMIN });
});
afterAll(async () => {
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => sb.reset());

describe('authentication and modes', () => {
  it('refuses a missing or unknown key with 401 unauthorized', async () => {
    for (const key of [null, 'fsk_test_nope', 'garbage']) {
      const r = await api('GET', '/v1/customers', undefined, key);
      expect(r.status).toBe(401);
      expect((r.json.error as { code: string }).code).toBe('unauthorized');
    }
  });

  it('keeps test and live data apart', async () => {
    const test = await api('GET', '/v1/customers?limit=100');
    const live = await api('GET', '/v1/customers?limit=100', undefined, LIVE_KEY);
    expect(test.json.customers?.every((c) => c.test_mode === true)).toBe(true);
    expect(live.json.customers?.every((c) => c.test_mode === false)).toBe(true);
    const testId = ids(test)[0] as string;
    expect((await api('GET', `/v1/customers/${testId}`, undefined, LIVE_KEY)).status).toBe(404);
    const created = await api('POST', '/v1/customers', { customer: { email: 'live@example.com' } }, LIVE_KEY);
    expect(created.json.customer?.test_mode).toBe(false);
    expect(
      (
        await api('PATCH', `/v1/customers/${created.json.customer?.customer_id as string}`, {
          customer: { first_name: 'X' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('seed', () => {
  it('seeds a fresh data dir deterministically with realistic customers', async () => {
    expect(sb.store.count('test')).toBe(SEED_COUNTS.test);
    const all = sb.store.list('test', { limit: 1000, offset: 0 });
    const today = all.slice(0, SEED_COUNTS.test - LEGACY_COUNTS.test); // newest first; legacy ones are older
    const countries = new Set(today.flatMap((c) => (c.shipping?.country ? [c.shipping.country] : [])));
    expect(countries.size).toBeGreaterThanOrEqual(6);
    expect(today.some((c) => !c.shipping?.country)).toBe(true);
    expect(today.filter((c) => Object.keys(c.metadata ?? {}).length > 0).length).toBeGreaterThan(20);
    const times = all.map((c) => Date.parse(c.created_at));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(600 * 86400_000);
    for (const c of all) expect(c.customer_id).toMatch(/^fcus_[0-9A-HJKMNP-TV-Z]{26}$/);
    // Today's records hold only what today's API would write; legacy records are the exception, on purpose.
    for (const c of today) if (c.phone) expect(c.phone).toMatch(/^\+[1-9]\d{6,14}$/);
    const again = await startSandbox({ dataDir: ':memory:' });
    expect(again.store.list('test', { limit: 5, offset: 0 })).toEqual(all.slice(0, 5));
    expect(again.store.list('test', { limit: 1000, offset: 0 })).toEqual(all);
    await again.close();
  });
});

describe('legacy records', () => {
  const legacy = (mode: 'test' | 'live' = 'test') =>
    legacyCustomers(mode).map((r) => JSON.parse(JSON.stringify(r.customer)) as Record<string, unknown>);
  const byKinds = (...kinds: LegacyKind[]) =>
    legacyCustomers('test').find((r) => kinds.every((k) => r.kinds.includes(k)))!.customer;
  const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

  it('are returned by GET exactly as held: nulls, absent fields and unknown fields included', async () => {
    for (const [mode, key] of [
      ['test', TEST_KEY],
      ['live', LIVE_KEY],
    ] as const) {
      for (const c of legacy(mode)) {
        const r = await api('GET', `/v1/customers/${c.customer_id as string}`, undefined, key);
        expect(r.status).toBe(200);
        expect(r.json.customer).toStrictEqual(c);
      }
    }
  });

  it('are listed as held, at the end of the newest-first list', async () => {
    const listed: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    for (;;) {
      const r = await api('GET', `/v1/customers?limit=100${cursor ? `&starting_after=${cursor}` : ''}`);
      listed.push(...r.json.customers!);
      if (r.json.customers!.length < 100) break;
      cursor = listed.at(-1)!.customer_id as string;
    }
    expect(listed.slice(-LEGACY_COUNTS.test)).toStrictEqual([...legacy()].reverse());
  });

  it('can be found by email, the reference’s own example customer among them', async () => {
    const r = await api('GET', `/v1/customers?email=${encodeURIComponent(REFERENCE_EMAIL)}`);
    expect(r.json.customers).toHaveLength(1);
    expect(r.json.customers![0]).toMatchObject({ phone: '+15555555555', first_name: 'John' });
  });

  it('take a shipping PATCH on the +15555555555 customer: the address replaced whole, the phone untouched', async () => {
    const john = legacy().find((c) => c.email === REFERENCE_EMAIL)!;
    const shipping = {
      line1: '123 Main St',
      line2: 'Suite 100',
      city: 'Oakland',
      state: 'CA',
      postal_code: '94612',
      country: 'US',
    };
    const r = await api('PATCH', `/v1/customers/${john.customer_id as string}`, { customer: { shipping } });
    expect(r.status).toBe(200);
    const after = r.json.customer!;
    const { shipping: newShipping, ...rest } = after;
    const { shipping: oldShipping, ...restBefore } = john;
    expect(rest).toStrictEqual(restBefore);
    expect(after.phone).toBe('+15555555555');
    expect(newShipping).toStrictEqual({
      shipping_address_id: expect.stringMatching(/^fsh_[0-9A-HJKMNP-TV-Z]{26}$/) as unknown,
      ...shipping,
    });
    expect((newShipping as { shipping_address_id: string }).shipping_address_id).not.toBe(
      (oldShipping as { shipping_address_id: string }).shipping_address_id,
    );
  });

  it('change only what a PATCH sends, never re-validating what they hold', async () => {
    // nulls, unknown fields and shipping {}; an absent employer; an old phone format; a lower-case country
    // and a ZIP without its hyphen; an absent shipping, phone and metadata.
    for (const held of [
      byKinds('nulls', 'extra-fields', 'shipping-empty'),
      byKinds('non-e164-phone', 'missing-fields'),
      byKinds('lowercase-country', 'postal-outside-pattern'),
      byKinds('missing-fields', 'empty-strings'),
      byKinds('metadata-any-json', 'invalid-phone'),
    ]) {
      const before = json(held);
      const r = await api('PATCH', `/v1/customers/${held.customer_id}`, {
        customer: { last_name: 'Changed' },
      });
      expect(r.status, JSON.stringify(before)).toBe(200);
      expect(r.json.customer).toStrictEqual({ ...before, last_name: 'Changed' });
      expect((await api('GET', `/v1/customers/${held.customer_id}`)).json.customer).toStrictEqual({
        ...before,
        last_name: 'Changed',
      });
    }
  });

  it('drop an address’s unknown fields when the address is replaced, and keep the record’s own', async () => {
    const held = json(byKinds('extra-fields', 'shipping-without-id'));
    const shipping = {
      line1: '1 Main St',
      line2: '',
      city: 'Austin',
      state: 'TX',
      postal_code: '78701',
      country: 'US',
    };
    const r = await api('PATCH', `/v1/customers/${held.customer_id as string}`, { customer: { shipping } });
    expect(r.json.customer!.shipping).toStrictEqual({
      shipping_address_id: expect.stringMatching(/^fsh_/) as unknown,
      ...shipping,
    });
    expect(r.json.customer!.preferred_language).toBe('en');
  });

  it('cannot be made through the API, which validates what is sent', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ phone: '(415) 555-0123' }, 'customer.phone'],
      [{ legacy_source: 'import-2019' }, 'customer.legacy_source'],
      [
        { shipping: { line1: '1', city: 'c', postal_code: 'p', country: 'US', address_type: 'x' } },
        'customer.shipping.address_type',
      ],
      [{ metadata: { tier: 1 } }, 'customer.metadata'],
    ];
    for (const [customer, param] of cases) {
      const r = await api('POST', '/v1/customers', { customer });
      expect(r.status, JSON.stringify(customer)).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'invalid_request', param });
    }
    const lower = await api('POST', '/v1/customers', {
      customer: { shipping: { line1: '1', city: 'c', postal_code: '94107', country: 'us' } },
    });
    expect((lower.json.customer!.shipping as { country: string }).country).toBe('US');
  });
});

describe('GET /v1/customers', () => {
  it('defaults to 10, newest first', async () => {
    const r = await api('GET', '/v1/customers');
    expect(r.status).toBe(200);
    expect(r.json.customers).toHaveLength(10);
    const times = r.json.customers!.map((c) => Date.parse(c.created_at as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('rejects limits outside 1-100', async () => {
    for (const limit of ['0', '101', 'abc', '-1', '1.5']) {
      const r = await api('GET', `/v1/customers?limit=${limit}`);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'invalid_request', param: 'limit' });
    }
    expect((await api('GET', '/v1/customers?limit=100')).json.customers).toHaveLength(100);
    expect((await api('GET', '/v1/customers?limit=1')).json.customers).toHaveLength(1);
  });

  it('pages forward with starting_after and back with ending_before', async () => {
    const all = ids(await api('GET', '/v1/customers?limit=30'));
    const p1 = ids(await api('GET', '/v1/customers?limit=10'));
    const p2 = ids(await api('GET', `/v1/customers?limit=10&starting_after=${p1[9]}`));
    expect(p2).toEqual(all.slice(10, 20));
    const back = ids(await api('GET', `/v1/customers?limit=10&ending_before=${p2[0]}`));
    expect(back).toEqual(p1);
    // ending_before the newest: nothing newer.
    expect(ids(await api('GET', `/v1/customers?ending_before=${all[0]}`))).toEqual([]);
    // ending_before close to the top returns the short page just newer, newest first.
    expect(ids(await api('GET', `/v1/customers?limit=10&ending_before=${all[3]}`))).toEqual(all.slice(0, 3));
  });

  it('ends with a page shorter than the limit', async () => {
    const total = SEED_COUNTS.test;
    let cursor: string | undefined;
    let seen = 0;
    let pages = 0;
    for (;;) {
      const r = ids(await api('GET', `/v1/customers?limit=100${cursor ? `&starting_after=${cursor}` : ''}`));
      seen += r.length;
      pages += 1;
      if (r.length < 100) break;
      cursor = r[r.length - 1];
    }
    expect(seen).toBe(total);
    expect(pages).toBe(Math.ceil(total / 100));
  });

  it('supports offset and rejects unknown cursors and both cursors at once', async () => {
    const all = ids(await api('GET', '/v1/customers?limit=20'));
    expect(ids(await api('GET', '/v1/customers?limit=5&offset=5'))).toEqual(all.slice(5, 10));
    const unknown = await api('GET', '/v1/customers?starting_after=fcus_01HACM7FZ1084XB1GB6053VM0D');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ param: 'starting_after' });
    const both = await api('GET', `/v1/customers?starting_after=${all[1]}&ending_before=${all[0]}`);
    expect(both.status).toBe(400);
  });

  it('filters by exact email', async () => {
    const first = (await api('GET', '/v1/customers?limit=1')).json.customers![0]!;
    const r = await api('GET', `/v1/customers?email=${encodeURIComponent(first.email as string)}`);
    expect(ids(r)).toEqual([first.customer_id]);
    expect(
      ids(
        await api('GET', `/v1/customers?email=${encodeURIComponent((first.email as string).toUpperCase())}`),
      ),
    ).toEqual([]);
  });
});

describe('GET /v1/customers/{id}', () => {
  it('answers the customer in an envelope, and 404 not_found for unknown or malformed ids', async () => {
    const id = ids(await api('GET', '/v1/customers?limit=1'))[0] as string;
    const r = await api('GET', `/v1/customers/${id}`);
    expect(r.status).toBe(200);
    expect(r.json.customer).toMatchObject({ customer_id: id, test_mode: true });
    expect(r.headers.get('request-id')).toMatch(/^req_/);
    for (const bad of ['fcus_01HACM7FZ1084XB1GB6053VM0D', 'nope', 'fcus_X']) {
      const nf = await api('GET', `/v1/customers/${bad}`);
      expect(nf.status).toBe(404);
      expect((nf.json.error as { code: string }).code).toBe('not_found');
    }
  });
});

describe('POST /v1/customers', () => {
  it('creates with ids, created_at and metadata sent as a JSON string', async () => {
    const r = await api('POST', '/v1/customers', {
      customer: {
        first_name: 'Ana',
        last_name: 'Lima',
        email: 'ana@example.com',
        phone: '+14155550123',
        employer: 'Flex',
        shipping: {
          line1: '1 Main St',
          line2: '',
          city: 'Austin',
          state: 'TX',
          postal_code: '78701',
          country: 'US',
        },
        metadata: JSON.stringify({ a: 1, b: [true, null], c: { d: 'e' } }),
        checkout_session_id: 'fcs_123',
      },
    });
    expect(r.status).toBe(200);
    const c = r.json.customer!;
    expect(c.customer_id).toMatch(/^fcus_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect((c.shipping as { shipping_address_id: string }).shipping_address_id).toMatch(
      /^fsh_[0-9A-HJKMNP-TV-Z]{26}$/,
    );
    expect(c.metadata).toEqual({ a: 1, b: [true, null], c: { d: 'e' } });
    expect(Date.now() - Date.parse(c.created_at as string)).toBeLessThan(5000);
    expect(c.test_mode).toBe(true);
    expect(ids(await api('GET', '/v1/customers?limit=1'))[0]).toBe(c.customer_id);
  });

  it('gives a customer with no address shipping {}', async () => {
    const r = await api('POST', '/v1/customers', { customer: { email: 'x@example.com' } });
    expect(r.json.customer?.shipping).toEqual({});
    expect(r.json.customer?.metadata).toEqual({});
  });
});

describe('PATCH /v1/customers/{id}', () => {
  async function someCustomer() {
    const all = (await api('GET', '/v1/customers?limit=20')).json.customers!;
    return (
      all.find((c) => 'line1' in (c.shipping as object) && Object.keys(c.metadata as object).length > 0) ??
      all[0]!
    );
  }

  it('changes only the fields provided', async () => {
    const before = await someCustomer();
    const r = await api('PATCH', `/v1/customers/${before.customer_id as string}`, {
      customer: { first_name: 'Zed' },
    });
    expect(r.status).toBe(200);
    expect(r.json.customer).toEqual({ ...before, first_name: 'Zed' });
  });

  it('replaces shipping whole with a new id, and an empty line2 clears it', async () => {
    const before = await someCustomer();
    const shipping = {
      line1: '9 Elm St',
      line2: '',
      city: 'Oakland',
      state: 'CA',
      postal_code: '94612',
      country: 'US',
    };
    const r = await api('PATCH', `/v1/customers/${before.customer_id as string}`, { customer: { shipping } });
    const after = r.json.customer!.shipping as Record<string, string>;
    expect(after).toMatchObject(shipping);
    expect(after.shipping_address_id).not.toBe(
      (before.shipping as Record<string, string>).shipping_address_id,
    );
    expect(after.shipping_address_id).toMatch(/^fsh_/);
  });

  it('requires line1, city, postal_code and country in an address', async () => {
    const c = await someCustomer();
    const r = await api('PATCH', `/v1/customers/${c.customer_id as string}`, {
      customer: { shipping: { line1: 'x', country: 'US' } },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_request', param: 'customer.shipping.city' });
  });

  it('replaces metadata whole, never merging', async () => {
    const c = await someCustomer();
    const r = await api('PATCH', `/v1/customers/${c.customer_id as string}`, {
      customer: { metadata: '{"only":"this"}' },
    });
    expect(r.json.customer?.metadata).toEqual({ only: 'this' });
  });

  it.each([
    ['an object instead of a string', { a: 1 }, /string/],
    ['malformed JSON', '{"a":', /not valid JSON/],
    ['an array', '[1,2]', /JSON object/],
    ['a number', '42', /JSON object/],
    [
      '51 keys',
      JSON.stringify(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]))),
      /50 keys/,
    ],
    ['a 41-character key', JSON.stringify({ ['k'.repeat(41)]: 1 }), /1-40/],
    ['an empty key', JSON.stringify({ '': 1 }), /1-40/],
    ['6 levels of nesting', JSON.stringify({ a: { b: { c: { d: { e: { f: 1 } } } } } }), /5 levels/],
    ['more than 8 KB', JSON.stringify({ big: 'x'.repeat(8200) }), /8192 bytes/],
  ])('rejects metadata that is %s', async (_name, metadata, message) => {
    const c = await someCustomer();
    const r = await api('PATCH', `/v1/customers/${c.customer_id as string}`, { customer: { metadata } });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_request', param: 'customer.metadata' });
    expect((r.json.error as { message: string }).message).toMatch(message);
  });

  it('accepts metadata at the limits: 50 keys, 40-character keys, 5 levels', async () => {
    const c = await someCustomer();
    const at = {
      ...Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, i])),
      ['k'.repeat(40)]: { b: { c: { d: { e: 1 } } } },
    };
    const r = await api('PATCH', `/v1/customers/${c.customer_id as string}`, {
      customer: { metadata: JSON.stringify(at) },
    });
    expect(r.status).toBe(200);
    expect(r.json.customer?.metadata).toEqual(at);
  });

  it('answers validation errors with invalid_request, a message naming the field, and param', async () => {
    const c = await someCustomer();
    const id = c.customer_id as string;
    const cases: [unknown, string, RegExp][] = [
      [{ email: 'not-an-email' }, 'customer.email', /Invalid email: not-an-email/],
      [{ phone: '555-1234' }, 'customer.phone', /Invalid phone/],
      [{ first_name: 'a\u0000b' }, 'customer.first_name', /control/],
      [{ last_name: 'x'.repeat(501) }, 'customer.last_name', /longer/],
      [{ customer_id: 'fcus_x' }, 'customer.customer_id', /unknown parameter/],
      [{ test_mode: false }, 'customer.test_mode', /unknown parameter/],
      [
        { shipping: { line1: '1', city: 'c', postal_code: 'p', country: 'USA' } },
        'customer.shipping.country',
        /country/,
      ],
    ];
    for (const [customer, param, message] of cases) {
      const r = await api('PATCH', `/v1/customers/${id}`, { customer });
      expect(r.status, JSON.stringify(customer)).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'invalid_request', param });
      expect((r.json.error as { message: string }).message).toMatch(message);
    }
    expect((await api('PATCH', `/v1/customers/${id}`, '{oops')).status).toBe(400);
    expect((await api('PATCH', `/v1/customers/${id}`, {})).json.error).toMatchObject({ param: 'customer' });
    // Nothing above changed the customer.
    expect((await api('GET', `/v1/customers/${id}`)).json.customer).toEqual(c);
  });

  it('answers 404 for unknown ids', async () => {
    const r = await api('PATCH', '/v1/customers/fcus_01HACM7FZ1084XB1GB6053VM0D', {
      customer: { first_name: 'x' },
    });
    expect(r.status).toBe(404);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-key rate', async () => {
    const small = await startSandbox({ dataDir: ':memory:', keys: [TEST_KEY], rate: 5 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${small.url}/v1/customers?limit=1`, {
          headers: { Authorization: `Bearer ${TEST_KEY}` },
        });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      expect(statuses.slice(0, 5).every((s) => s === 200) || statuses.includes(429)).toBe(true);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await small.close();
    }
  });
});

describe('persistence', () => {
  it('keeps changes across a restart and does not reseed', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-persist-'));
    const a = await startSandbox({ dataDir: d, keys: [TEST_KEY] });
    const res = await fetch(`${a.url}/v1/customers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_KEY}` },
      body: JSON.stringify({ customer: { email: 'persist@example.com' } }),
    });
    const id = ((await res.json()) as { customer: { customer_id: string } }).customer.customer_id;
    await a.close();
    const b = await startSandbox({ dataDir: d, keys: [TEST_KEY] });
    expect(b.store.get('test', id)?.email).toBe('persist@example.com');
    expect(b.store.count('test')).toBe(SEED_COUNTS.test + 1);
    await b.close();
    fs.rmSync(d, { recursive: true, force: true });
  });
});

describe('fault injection and admin routes', () => {
  const admin = (method: string, p: string, body?: unknown, secret = ADMIN) =>
    fetch(`${sb.url}${p}`, {
      method,
      headers: { 'x-sandbox-admin-secret': secret, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('hides admin routes without the secret', async () => {
    expect((await admin('POST', '/__sandbox/reset', undefined, 'wrong-secret-xxxxxxxx')).status).toBe(404);
    const none = await startSandbox({ dataDir: ':memory:' });
    const r = await fetch(`${none.url}/__sandbox/reset`, { method: 'POST' });
    expect(r.status).toBe(404);
    await none.close();
  });

  it('plays a forced status a given number of times, then answers normally', async () => {
    await admin('PUT', '/__sandbox/faults', {
      faults: [{ kind: 'status', status: 503, retryAfter: 2, times: 2 }],
    });
    const a = await api('GET', '/v1/customers');
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('2');
    expect((await api('GET', '/v1/customers')).status).toBe(503);
    expect((await api('GET', '/v1/customers')).status).toBe(200);
  });

  it('plays malformed JSON, an HTML page and a connection reset', async () => {
    sb.faults.set([
      { kind: 'malformed', times: 1 },
      { kind: 'html', times: 1 },
    ]);
    const m = await fetch(`${sb.url}/v1/customers`, { headers: { Authorization: `Bearer ${TEST_KEY}` } });
    await expect(m.json()).rejects.toThrow();
    const h = await fetch(`${sb.url}/v1/customers`, { headers: { Authorization: `Bearer ${TEST_KEY}` } });
    expect(h.status).toBe(502);
    expect(h.headers.get('content-type')).toMatch(/html/);
    sb.faults.set([{ kind: 'reset', times: 1 }]);
    await expect(
      fetch(`${sb.url}/v1/customers`, { headers: { Authorization: `Bearer ${TEST_KEY}` } }),
    ).rejects.toThrow();
  });

  it('applies a PATCH and then resets the connection when the fault plays after', async () => {
    const id = ids(await api('GET', '/v1/customers?limit=1'))[0] as string;
    sb.faults.set([{ kind: 'reset', method: 'PATCH', phase: 'after', times: 1 }]);
    await expect(
      api('PATCH', `/v1/customers/${id}`, { customer: { first_name: 'Applied' } }),
    ).rejects.toThrow();
    expect((await api('GET', `/v1/customers/${id}`)).json.customer?.first_name).toBe('Applied');
  });

  it('records requests and resets to the seed', async () => {
    const id = ids(await api('GET', '/v1/customers?limit=1'))[0] as string;
    await api('PATCH', `/v1/customers/${id}`, { customer: { first_name: 'Changed' } });
    const log = (await (await admin('GET', '/__sandbox/requests')).json()) as {
      requests: { method: string }[];
    };
    expect(log.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    await admin('POST', '/__sandbox/reset');
    expect((await api('GET', `/v1/customers/${id}`)).json.customer?.first_name).not.toBe('Changed');
  });

  it('adds latency and trickles a slow body', async () => {
    sb.faults.set([
      { kind: 'latency', ms: 300, times: 1 },
      { kind: 'slow', ms: 300, times: 1 },
    ]);
    let t = Date.now();
    expect((await api('GET', '/v1/customers?limit=1')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(280);
    t = Date.now();
    expect((await api('GET', '/v1/customers?limit=1')).json.customers).toHaveLength(1);
    expect(Date.now() - t).toBeGreaterThanOrEqual(250);
  });
});
