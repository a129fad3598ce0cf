// One dedicated PostgreSQL connection per server process that LISTENs for customer changes and presence
// news and fans them out to this process's open SSE streams. Reconnects with backoff when dropped, and
// then tells every stream to re-read (a NOTIFY sent while disconnected is lost).
import 'server-only';
import pg from 'pg';
import { databaseUrl } from '@/lib/db/database';
import { log } from '@/lib/log/logger';
import { CUSTOMER_CHANNEL, type CustomerChanged } from './publish';
import { PRESENCE_CHANNEL } from './presence';

export type LiveEvent =
  | { type: 'changed'; change: CustomerChanged }
  | { type: 'presence' }
  /** The listener was reconnected: anything may have been missed. */
  | { type: 'resync' };

type Subscriber = (e: LiveEvent) => void;

class Listener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryMs = 500;
  private readonly subs = new Map<string, Set<Subscriber>>();

  subscribe(customerId: string, fn: Subscriber): () => void {
    let set = this.subs.get(customerId);
    if (!set) this.subs.set(customerId, (set = new Set()));
    set.add(fn);
    void this.ensure();
    return () => {
      set.delete(fn);
      if (set.size === 0) this.subs.delete(customerId);
    };
  }

  /** Resolves once LISTEN is in place (streams wait for it before saying they are live). */
  ensure(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: 5000 });
    client.on('notification', (m) => this.dispatch(m.channel, m.payload));
    const lost = (why: string) => {
      if (this.client !== client) return;
      this.client = null;
      log.warn({ why }, 'live listener lost its database connection; reconnecting');
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CUSTOMER_CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (e) {
      client.end().catch(() => {});
      log.warn({ err: e instanceof Error ? e.message : String(e) }, 'live listener could not connect');
      this.scheduleReconnect();
      return;
    }
    const wasDown = this.retryMs > 500;
    this.client = client;
    this.retryMs = 500;
    if (wasDown) for (const set of this.subs.values()) for (const fn of set) fn({ type: 'resync' });
  }

  private scheduleReconnect() {
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5000);
    setTimeout(() => {
      if (this.subs.size > 0) void this.ensure();
      else this.retryMs = 500; // nobody listening: connect again on the next subscribe
    }, wait).unref();
  }

  private dispatch(channel: string, payload: string | undefined) {
    let data: unknown;
    try {
      data = JSON.parse(payload ?? '');
    } catch {
      log.warn({ channel }, 'live listener ignored a malformed notification');
      return;
    }
    const customerId = (data as { customerId?: unknown }).customerId;
    if (typeof customerId !== 'string') return;
    const set = this.subs.get(customerId);
    if (!set) return;
    const event: LiveEvent =
      channel === CUSTOMER_CHANNEL
        ? { type: 'changed', change: data as CustomerChanged }
        : { type: 'presence' };
    for (const fn of set) fn(event);
  }
}

// One per process by design (a connection is per process); what servers must agree on is in PostgreSQL.
const g = globalThis as unknown as { __deskLiveListener?: Listener };

export function liveListener(): Listener {
  return (g.__deskLiveListener ??= new Listener());
}
