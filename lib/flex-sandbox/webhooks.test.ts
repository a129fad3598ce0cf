// The sandbox as a webhook sender and its deletes, its seed count, and its store written off the request
// path: signed deliveries for every create, change and delete (the desk's PATCHes too), retried until the
// receiver takes them; nothing lost when it closes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';
import { SandboxStore } from './store';

const KEY = 'fsk_test_hooks';
const SECRET = `whsec_${crypto.randomBytes(24).toString('base64')}`;
type Got = { headers: http.IncomingHttpHeaders; body: string };
const got: Got[] = [];
const refused: Got[] = [];
let failNext = 0;
let receiver: http.Server;
let sb: Sandbox;

const api = async (method: string, p: string, body?: unknown) => {
  const r = await fetch(`${sb.url}/v1${p}`, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: r.status,
    json: (await r.json()) as { customer: { customer_id: string; employer: string } },
  };
};
const waitFor = async (n: number) => {
  for (let i = 0; i < 100 && got.length < n; i++) await new Promise((r) => setTimeout(r, 50));
};

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        refused.push({ headers: req.headers, body });
        res.writeHead(500).end();
        return;
      }
      got.push({ headers: req.headers, body });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/flex`;
  sb = await startSandbox({
    dataDir: ':memory:',
    keys: [KEY],
    rate: 1_000_000,
    webhook: { url, secret: SECRET },
  });
});
afterAll(async () => {
  await sb.close();
  receiver.close();
});

describe('sandbox webhooks', () => {
  it('sends a signed event for a create, a change and a delete, in order', async () => {
    got.length = 0;
    const created = (
      await api('POST', '/customers', { customer: { first_name: 'Hook', email: 'hook@example.com' } })
    ).json.customer;
    await api('PATCH', `/customers/${created.customer_id}`, { customer: { employer: 'Acme' } });
    const del = await api('DELETE', `/customers/${created.customer_id}`);
    expect(del).toMatchObject({
      status: 200,
      json: { customer: { customer_id: created.customer_id, employer: 'Acme' } },
    });
    expect((await api('GET', `/customers/${created.customer_id}`)).status).toBe(404);
    await waitFor(3);
    const events = got.map((g) => {
      // Verified as the app verifies: the raw body, the three headers, the secret.
      const wh = new Webhook(SECRET);
      wh.verify(g.body, g.headers as Record<string, string>);
      return JSON.parse(g.body) as {
        type: string;
        data: { customer: { customer_id: string; employer?: string } };
      };
    });
    expect(events.map((e) => e.type)).toEqual(['customer.created', 'customer.updated', 'customer.deleted']);
    expect(events.every((e) => e.data.customer.customer_id === created.customer_id)).toBe(true);
    expect(events[1]!.data.customer.employer).toBe('Acme');
    expect(new Set(got.map((g) => g.headers['webhook-id'])).size).toBe(3);
  });

  it('retries a delivery the receiver refused, with the same webhook-id, signed afresh', async () => {
    got.length = 0;
    failNext = 1;
    const [c] = sb.store.list('test', { limit: 1, offset: 0 });
    await api('PATCH', `/customers/${c!.customer_id}`, { customer: { employer: 'Retry Ltd' } });
    await waitFor(1);
    expect(refused).toHaveLength(1);
    expect(got).toHaveLength(1);
    expect(got[0]!.headers['webhook-id']).toBe(refused[0]!.headers['webhook-id']);
    expect(got[0]!.body).toBe(refused[0]!.body);
    new Webhook(SECRET).verify(got[0]!.body, got[0]!.headers as Record<string, string>);
  });
});

describe('sandbox store', () => {
  it('writes off the request path and flushes on close: nothing lost', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-store-'));
    const file = path.join(dir, 'sandbox.json');
    const a = new SandboxStore(file);
    a.replaceAll([]);
    a.put('test', {
      customer_id: 'fcus_01HACM7FZ1084XB1GB6053VM0D',
      created_at: '2026-01-01T00:00:00Z',
      test_mode: true,
    });
    expect(fs.existsSync(file)).toBe(false); // not yet: the write is debounced
    await a.close();
    const b = new SandboxStore(file);
    expect(b.get('test', 'fcus_01HACM7FZ1084XB1GB6053VM0D')).toBeDefined();
    b.remove('test', 'fcus_01HACM7FZ1084XB1GB6053VM0D');
    await new Promise((r) => setTimeout(r, 1200)); // within a second without close (kill -9 loses at most this)
    expect(new SandboxStore(file).get('test', 'fcus_01HACM7FZ1084XB1GB6053VM0D')).toBeUndefined();
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('can be seeded large for benches', async () => {
    const big = await startSandbox({ dataDir: ':memory:', keys: [KEY], seedCount: 5000 });
    expect(big.store.count('test')).toBe(5000);
    await big.close();
  });
});
