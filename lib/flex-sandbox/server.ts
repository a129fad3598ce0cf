// The embedded Flex sandbox: the customers API of ../shared/FLEX_API.md over real HTTP,
// plus test-only admin routes under /__sandbox/ (fault injection, request log, reset).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import { FaultBook, type Fault } from './faults';
import { seedRecords } from './seed';
import { SandboxStore, type Mode, type SandboxCustomer } from './store';
import { ApiError, CUSTOMER_ID, parseCustomerBody, type CustomerInput } from './validate';
import { createWebhookSender, type WebhookTarget, type WebhookType } from './webhooks';

export type SandboxOptions = {
  port?: number;
  host?: string;
  /** A directory for sandbox.json, or ':memory:'. */
  dataDir: string;
  keys?: string[];
  /** Requests per second per key before 429. */
  rate?: number;
  /** Enables /__sandbox/ routes, guarded by this secret. */
  adminSecret?: string;
  /** Where to send signed webhooks for every change; none when unset. */
  webhook?: WebhookTarget;
  /** Test-mode customers in a fresh store (benches seed many); SEED_COUNTS.test when unset. */
  seedCount?: number;
};

export type RecordedRequest = {
  at: string;
  method: string;
  path: string;
  query: string;
  body: string;
  authorization: string | undefined;
  status: number;
};

export type Sandbox = {
  url: string;
  port: number;
  store: SandboxStore;
  faults: FaultBook;
  requests: RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
};

const MAX_BODY = 1024 * 1024;
const nextUlid = monotonicFactory();

function modeOfKey(key: string): Mode {
  return key.startsWith('fsk_test_') ? 'test' : 'live';
}

function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Applies what a request sent, and only that: fields not sent, including a legacy record's nulls, absent
 * fields, unknown extras and values today's rules refuse, stay exactly as held (PATCH is partial).
 */
function applyInput(base: SandboxCustomer, input: CustomerInput): SandboxCustomer {
  const next: SandboxCustomer = { ...base };
  for (const f of ['first_name', 'last_name', 'email', 'phone', 'employer'] as const) {
    if (input[f] !== undefined) next[f] = input[f] === '' ? null : input[f];
  }
  if (input.shipping !== undefined) {
    // Replaced whole, with a new id (FLEX_API.md choice 2): a legacy address's extra fields go with it.
    next.shipping =
      input.shipping === null ? {} : { shipping_address_id: `fsh_${nextUlid()}`, ...input.shipping };
  }
  if (input.metadata !== undefined) next.metadata = input.metadata; // replaced whole (choice 3)
  return next;
}

function parseIntParam(
  value: string | null,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new ApiError(
      400,
      'invalid_request',
      `Invalid ${name}: must be an integer between ${min} and ${max}`,
      name,
    );
  return Number(value);
}

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const keys = new Set(opts.keys && opts.keys.length > 0 ? opts.keys : ['fsk_test_sandbox']);
  const rate = opts.rate ?? 25;
  const file = opts.dataDir === ':memory:' ? ':memory:' : path.join(opts.dataDir, 'sandbox.json');
  const store = new SandboxStore(file);
  const faults = new FaultBook();
  const requests: RecordedRequest[] = [];
  const windows = new Map<string, { second: number; count: number }>();

  // The only path by which legacy records (ones today's validation would refuse) enter the store.
  const reseed = () => store.replaceAll([...seedRecords('test', opts.seedCount), ...seedRecords('live')]);
  if (!store.isSeeded()) reseed();
  const sender = opts.webhook ? createWebhookSender(opts.webhook) : null;
  const notify = (type: WebhookType, c: SandboxCustomer) => sender?.send(type, c);

  function rateLimited(key: string): number | undefined {
    const second = Math.floor(Date.now() / 1000);
    const w = windows.get(key);
    if (!w || w.second !== second) {
      windows.set(key, { second, count: 1 });
      return undefined;
    }
    w.count += 1;
    return w.count > rate ? 1 : undefined;
  }

  function handleApi(
    method: string,
    url: URL,
    rawBody: string,
    auth: string | undefined,
  ): { status: number; body: unknown } {
    const key = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (!key || !keys.has(key)) throw new ApiError(401, 'unauthorized', 'Invalid API key provided');
    const retry = rateLimited(key);
    if (retry !== undefined)
      throw new ApiError(429, 'rate_limited', 'Too many requests: slow down', undefined, {
        'Retry-After': String(retry),
      });
    const mode = modeOfKey(key);
    const parts = url.pathname.split('/').filter(Boolean); // ['v1','customers',id?]
    if (parts[0] !== 'v1' || parts[1] !== 'customers' || parts.length > 3)
      throw new ApiError(404, 'not_found', `Unrecognized request URL (${method} ${url.pathname})`);
    const body = () => {
      if (rawBody === '') return {};
      try {
        return JSON.parse(rawBody) as unknown;
      } catch {
        throw new ApiError(400, 'invalid_request', 'Invalid JSON in request body');
      }
    };

    if (parts.length === 2) {
      if (method === 'GET') {
        const q = url.searchParams;
        const limit = parseIntParam(q.get('limit'), 'limit', 1, 100, 10);
        const offset = parseIntParam(q.get('offset'), 'offset', 0, 1_000_000, 0);
        const startingAfter = q.get('starting_after') ?? undefined;
        const endingBefore = q.get('ending_before') ?? undefined;
        if (startingAfter !== undefined && endingBefore !== undefined)
          throw new ApiError(
            400,
            'invalid_request',
            'Use only one of starting_after and ending_before',
            'ending_before',
          );
        for (const [name, id] of [
          ['starting_after', startingAfter],
          ['ending_before', endingBefore],
        ] as const) {
          if (id !== undefined && !store.exists(mode, id))
            throw new ApiError(400, 'invalid_request', `No such customer: ${id.slice(0, 40)}`, name);
        }
        const email = q.get('email') ?? undefined;
        return {
          status: 200,
          body: { customers: store.list(mode, { limit, offset, startingAfter, endingBefore, email }) },
        };
      }
      if (method === 'POST') {
        const input = parseCustomerBody(body(), 'create');
        const blank: SandboxCustomer = {
          customer_id: `fcus_${nextUlid()}`,
          first_name: null,
          last_name: null,
          email: null,
          phone: null,
          employer: null,
          shipping: {},
          metadata: {},
          created_at: nowIso(),
          test_mode: mode === 'test',
        };
        const created = applyInput(blank, input);
        store.put(mode, created);
        notify('customer.created', created);
        return { status: 200, body: { customer: created } };
      }
      throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`);
    }

    const id = decodeURIComponent(parts[2] as string);
    const existing = CUSTOMER_ID.test(id) ? store.get(mode, id) : undefined;
    if (method === 'GET' || method === 'PATCH' || method === 'DELETE') {
      if (!existing) throw new ApiError(404, 'not_found', `No such customer: ${id.slice(0, 40)}`, 'id');
      if (method === 'GET') return { status: 200, body: { customer: existing } };
      if (method === 'DELETE') {
        // FLEX_API.md choice 8: the customer as it was; then GET answers 404 and lists leave it out.
        store.remove(mode, id);
        notify('customer.deleted', existing);
        return { status: 200, body: { customer: existing } };
      }
      const updated = applyInput(existing, parseCustomerBody(body(), 'update'));
      store.put(mode, updated);
      notify('customer.updated', updated);
      return { status: 200, body: { customer: updated } };
    }
    throw new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`);
  }

  function handleAdmin(
    req: http.IncomingMessage,
    url: URL,
    rawBody: string,
  ): { status: number; body: unknown } {
    if (!opts.adminSecret || req.headers['x-sandbox-admin-secret'] !== opts.adminSecret)
      return { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } };
    const route = `${req.method} ${url.pathname}`;
    const json = () => (rawBody ? (JSON.parse(rawBody) as unknown) : {});
    switch (route) {
      case 'POST /__sandbox/reset':
        reseed();
        faults.clear();
        requests.length = 0;
        windows.clear();
        return { status: 200, body: { ok: true } };
      case 'PUT /__sandbox/faults': {
        const input = json() as { faults?: unknown[]; latencyMs?: number };
        faults.set((input.faults ?? []) as never[]);
        faults.latencyMs = input.latencyMs ?? 0;
        return { status: 200, body: { faults: faults.list(), latencyMs: faults.latencyMs } };
      }
      case 'DELETE /__sandbox/faults':
        faults.clear();
        return { status: 200, body: { ok: true } };
      case 'GET /__sandbox/requests':
        return { status: 200, body: { requests } };
      case 'GET /__sandbox/webhooks':
        return { status: 200, body: { deliveries: sender?.deliveries ?? [] } };
      case 'DELETE /__sandbox/requests':
        requests.length = 0;
        return { status: 200, body: { ok: true } };
      default:
        return { status: 404, body: { error: { code: 'not_found', message: 'Unknown admin route' } } };
    }
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function play(
    fault: Fault,
    res: http.ServerResponse,
    status: number,
    payload: string,
  ): Promise<boolean> {
    switch (fault.kind) {
      case 'latency':
        await sleep(fault.ms ?? 1000);
        return false; // then answer normally
      case 'reset':
        res.socket?.destroy();
        return true;
      case 'status': {
        const s = fault.status ?? 500;
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
        const code = s === 429 ? 'rate_limited' : s >= 500 ? 'api_error' : 'invalid_request';
        res.writeHead(s, headers).end(
          JSON.stringify({
            error: {
              code,
              message: fault.message ?? `Injected ${s}`,
              ...(fault.param ? { param: fault.param } : {}),
            },
          }),
        );
        return true;
      }
      case 'malformed':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"customer": {"customer_id": "fcus_');
        return true;
      case 'html':
        res
          .writeHead(fault.status ?? 502, { 'Content-Type': 'text/html' })
          .end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
        return true;
      case 'slow': {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        const chunks = 10;
        const size = Math.ceil(payload.length / chunks);
        for (let i = 0; i < chunks && !res.destroyed; i++) {
          res.write(payload.slice(i * size, (i + 1) * size));
          await sleep((fault.ms ?? 5000) / chunks);
        }
        res.end();
        return true;
      }
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://sandbox.local');
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const method = req.method ?? 'GET';
        if (url.pathname.startsWith('/__sandbox/')) {
          let out: { status: number; body: unknown };
          try {
            out = handleAdmin(req, url, rawBody);
          } catch (e) {
            out = { status: 400, body: { error: { code: 'invalid_request', message: String(e) } } };
          }
          res.writeHead(out.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(out.body));
          return;
        }
        const record: RecordedRequest = {
          at: new Date().toISOString(),
          method,
          path: url.pathname,
          query: url.search,
          body: rawBody.slice(0, 64 * 1024),
          authorization: req.headers.authorization,
          status: 0,
        };
        requests.push(record);
        if (requests.length > 5000) requests.shift();
        if (faults.latencyMs > 0) await sleep(faults.latencyMs);
        const fault = faults.take(method, url.pathname);
        if (fault && fault.phase === 'before' && fault.kind !== 'slow') {
          record.status = fault.kind === 'status' ? (fault.status ?? 500) : -1;
          if (await play(fault, res, 0, '')) return;
        }
        let status: number;
        let payload: string;
        const headers: Record<string, string> = {
          'Content-Type': 'application/json',
          'Request-Id': `req_${nextUlid()}`,
        };
        try {
          if (size > MAX_BODY) throw new ApiError(413, 'invalid_request', 'Request body too large');
          const out = handleApi(method, url, rawBody, req.headers.authorization);
          status = out.status;
          payload = JSON.stringify(out.body);
        } catch (e) {
          const err = e instanceof ApiError ? e : new ApiError(500, 'api_error', 'Internal sandbox error');
          status = err.status;
          Object.assign(headers, err.headers);
          payload = JSON.stringify({
            error: { code: err.code, message: err.message, ...(err.param ? { param: err.param } : {}) },
          });
        }
        record.status = status;
        if (fault && (fault.phase === 'after' || fault.kind === 'slow')) {
          if (await play(fault, res, status, payload)) return;
        }
        res.writeHead(status, headers).end(payload);
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    store,
    faults,
    requests,
    reset: () => {
      reseed();
      faults.clear();
      requests.length = 0;
      windows.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          void Promise.all([sender?.close(), store.close()]).then(() => resolve());
        });
      }),
  };
}
