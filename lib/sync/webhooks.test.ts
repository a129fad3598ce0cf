// A webhook from intake to index: verified and queued once per webhook-id, every bad delivery answered
// plainly, then worked: the customer re-read from Flex, stored, and the change announced to open pages.
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db as getDb } from '@/lib/db/database';
import type { FlexClient } from '@/lib/flex/client';
import type { Sandbox } from '@/lib/flex-sandbox/server';
import { CUSTOMER_CHANNEL } from '@/lib/live/publish';
import { SharedPacer } from '@/lib/pacing/shared-pacer';
import { indexCustomers } from '@/lib/search/index-store';
import { sandboxWithClient } from '@/test/sandbox';
import { acceptWebhook } from './webhook-intake';
import { signWebhook } from './webhook-verify';
import { processWebhooks } from './webhook-worker';

const SECRET = `whsec_${crypto.randomBytes(24).toString('base64')}`;
process.env.FLEX_WEBHOOK_SECRET = `${SECRET},whsec_${crypto.randomBytes(24).toString('base64')}`;

const KEY = 'fsk_test_sandbox';
let sb: Sandbox;
let flex: FlexClient;
let listener: pg.Client;
const notices: { customerId: string; fields: string[]; source: string }[] = [];
const pacer = new SharedPacer([{ name: 'test', perSecond: 10_000 }]);
const work = () => processWebhooks({ flex, pacer, owner: 'test' });

beforeAll(async () => {
  ({ sb, flex } = await sandboxWithClient(KEY));
  await getDb();
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on('notification', (n) => notices.push(JSON.parse(n.payload!) as (typeof notices)[number]));
  await listener.query(`LISTEN ${CUSTOMER_CHANNEL}`);
});
afterAll(async () => {
  await listener.end();
  await sb.close();
});
beforeEach(async () => {
  sb.reset();
  notices.length = 0;
  await sql`TRUNCATE customer_index, webhook_event`.execute(await getDb());
});

let n = 0;
function deliver(event: unknown, opts: { id?: string; secret?: string; raw?: string } = {}) {
  const raw = opts.raw ?? JSON.stringify(event);
  const id = opts.id ?? `msg_${++n}_${Date.now()}`;
  const at = new Date();
  return acceptWebhook(raw, {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signWebhook(opts.secret ?? SECRET, id, at, raw),
  });
}
const event = (type: string, customer: Record<string, unknown>) => ({
  type,
  timestamp: new Date().toISOString(),
  data: { customer },
});
const newest = () => sb.store.list('test', { limit: 1, offset: 0 })[0]!;
const row = async (id: string) =>
  (await getDb()).selectFrom('customer_index').selectAll().where('id', '=', id).executeTakeFirst();
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('webhook intake', () => {
  it('queues a signed event once per webhook-id; a repeat is acknowledged and ignored', async () => {
    const c = newest();
    const e = event('customer.updated', c);
    expect(await deliver(e, { id: 'msg_same' })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await deliver(e, { id: 'msg_same' })).toMatchObject({
      status: 200,
      body: { message: 'Already received; ignored.' },
    });
    const rows = await (await getDb()).selectFrom('webhook_event').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'queued', customer_id: c.customer_id, type: 'customer.updated' });
  });

  it('answers bad deliveries plainly and queues nothing', async () => {
    const c = newest();
    const forged = await deliver(event('customer.updated', c), {
      secret: `whsec_${crypto.randomBytes(24).toString('base64')}`,
    });
    expect(forged.status).toBe(401);
    expect((await deliver(null, { raw: '{"type": "customer.upd' })).status).toBe(400);
    expect((await deliver({ hello: 1 })).status).toBe(400);
    expect((await deliver(event('customer.updated', { customer_id: 'fcus_../../x' }))).status).toBe(400);
    expect(await (await getDb()).selectFrom('webhook_event').selectAll().execute()).toHaveLength(0);
  });

  it('acknowledges unknown types and customers of the other mode, and ignores them', async () => {
    const c = newest();
    expect(await deliver(event('invoice.paid', {}))).toMatchObject({ status: 200, body: { ok: true } });
    expect(await deliver(event('customer.updated', { ...c, test_mode: false }))).toMatchObject({
      status: 200,
      body: { message: expect.stringContaining('ignored') as string },
    });
    expect(await work()).toBe(0);
    const states = (await (await getDb()).selectFrom('webhook_event').select('state').execute()).map(
      (r) => r.state,
    );
    expect(states).toEqual(['ignored', 'ignored']);
    expect(sb.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
  });
});

describe('webhook worker', () => {
  it('re-reads the customer, stores what Flex holds (not the payload) and names the changed fields', async () => {
    const c = newest();
    await indexCustomers([await flex.getCustomer(c.customer_id)], new Date(Date.now() - 1000));
    sb.store.put('test', { ...c, email: 'changed@example.com', metadata: { order_id: 'A-1' } });
    // The payload says otherwise: an out-of-order event is only a hint.
    await deliver(event('customer.updated', { ...c, email: 'stale@example.com' }));
    await deliver(event('customer.updated', c));
    sb.requests.length = 0;
    expect(await work()).toBe(2);
    expect(sb.requests.filter((r) => r.method === 'GET')).toHaveLength(1); // one read for both events
    expect((await row(c.customer_id))!.email).toBe('changed@example.com');
    await settle();
    expect(notices).toEqual([
      expect.objectContaining({ customerId: c.customer_id, fields: ['email', 'metadata'], source: 'flex' }),
    ]);
    const states = (await (await getDb()).selectFrom('webhook_event').select('state').execute()).map(
      (r) => r.state,
    );
    expect(states).toEqual(['done', 'done']);
  });

  it('a deleted customer: 404 marks the row deleted; an unknown one is not invented', async () => {
    const c = newest();
    await indexCustomers([await flex.getCustomer(c.customer_id)]);
    sb.store.remove('test', c.customer_id);
    await deliver(event('customer.deleted', c));
    await deliver(event('customer.updated', { customer_id: 'fcus_01HACM7FZ1084XB1GB6053VM0Z' }));
    await work();
    expect((await row(c.customer_id))!.deleted_at).not.toBeNull();
    expect(await row('fcus_01HACM7FZ1084XB1GB6053VM0Z')).toBeUndefined();
    await settle();
    expect(notices).toEqual([expect.objectContaining({ customerId: c.customer_id, fields: ['deleted'] })]);
  });

  it('Flex failing: the event waits and is tried again; the index row is untouched', async () => {
    const c = newest();
    await indexCustomers([await flex.getCustomer(c.customer_id)]);
    const before = await row(c.customer_id);
    sb.faults.set([
      { method: 'GET', path: `/v1/customers/${c.customer_id}`, kind: 'status', status: 503 },
    ] as never[]);
    await deliver(event('customer.updated', c));
    await work();
    const e = (await (await getDb()).selectFrom('webhook_event').selectAll().executeTakeFirst())!;
    expect(e.state).toBe('queued');
    expect(e.error).toMatch(/503|Flex/);
    expect(await row(c.customer_id)).toEqual(before);
  });
});
