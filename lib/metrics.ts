// The desk's Prometheus metrics (prom-client): one registry per process, kept on globalThis so the custom
// server's copy of this module, the Next bundle's copy and modules reloaded by `next dev` all count into the
// same metrics. Call sites use the one-line helpers below; GET /metrics serves `metricsText()`.
// No 'server-only' marker: scripts/serve.ts (outside React's server condition) records request latency.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type PoolStats = { totalCount: number; idleCount: number; waitingCount: number };

function define() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const pools = new Map<string, PoolStats>();
  const m = {
    registry,
    pools,
    requestSeconds: new Histogram({
      name: 'desk_http_request_duration_seconds',
      help: 'Time from request to the end of the response, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    flexRequests: new Counter({
      name: 'desk_flex_requests_total',
      help: 'Calls to the Flex API by method and status (a number, or timeout / network when none came back); 429s included',
      labelNames: ['method', 'status'] as const,
      registers: [registry],
    }),
    flexSeconds: new Histogram({
      name: 'desk_flex_request_duration_seconds',
      help: 'Duration of one Flex API call (one attempt), by method',
      labelNames: ['method'] as const,
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    saves: new Counter({
      name: 'desk_saves_total',
      help: 'Writes through the one save path (edits, reverts, bulk rows) by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    bulkRows: new Counter({
      name: 'desk_bulk_rows_total',
      help: 'Bulk rows reaching a state on this server (rate(...) gives rows per second)',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    syncLag: new Gauge({
      name: 'desk_sync_lag_seconds',
      help: 'Age of the newest change the customer index has taken in from Flex',
      registers: [registry],
    }),
    webhooks: new Counter({
      name: 'desk_webhooks_received_total',
      help: 'Flex webhooks received, by result (e.g. applied, duplicate, bad_signature, invalid)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    signInFailures: new Counter({
      name: 'desk_sign_in_failures_total',
      help: 'Failed sign-ins by reason: password (unknown_email, wrong_password, disabled, …) and single sign-on (sso_callback, sso_no_access, sso_disabled, sso_failed)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    signInThrottled: new Counter({
      name: 'desk_sign_in_throttled_total',
      help: 'Sign-in attempts refused by the throttle before the password was checked',
      registers: [registry],
    }),
    poolConnections: new Gauge({
      name: 'desk_db_pool_connections',
      help: 'Database pool connections of this server by pool and state (total, idle, waiting = queued clients)',
      labelNames: ['pool', 'state'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [pool, s] of pools) {
          this.set({ pool, state: 'total' }, s.totalCount);
          this.set({ pool, state: 'idle' }, s.idleCount);
          this.set({ pool, state: 'waiting' }, s.waitingCount);
        }
      },
    }),
  };
  return m;
}

type Metrics = ReturnType<typeof define>;
const g = globalThis as unknown as { __deskMetrics?: Metrics };
const metrics = (): Metrics => (g.__deskMetrics ??= define());

export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  metrics().requestSeconds.observe({ route, method, status: String(status) }, seconds);
}

/** `status`: Flex's HTTP status, or 'timeout' / 'network' when no answer came back. */
export function countFlexCall(method: string, status: number | 'timeout' | 'network', seconds: number): void {
  metrics().flexRequests.inc({ method, status: String(status) });
  metrics().flexSeconds.observe({ method }, seconds);
}

export function countSave(outcome: string): void {
  metrics().saves.inc({ outcome });
}

export function countBulkRow(state: string): void {
  metrics().bulkRows.inc({ state });
}

/** For the sync worker (lib/sync): seconds between now and the newest change taken into the index. */
export function setSyncLag(seconds: number): void {
  metrics().syncLag.set(seconds);
}

/** For the webhook route: one call per webhook received, with what became of it. */
export function countWebhook(result: string): void {
  metrics().webhooks.inc({ result });
}

export function countSignInFailure(reason: string): void {
  metrics().signInFailures.inc({ reason });
}

export function countSignInThrottled(): void {
  metrics().signInThrottled.inc();
}

/** A pg pool whose use /metrics reports (read when scraped). Registering a name again replaces it. */
export function watchPool(name: string, pool: PoolStats): void {
  metrics().pools.set(name, pool);
}

export function unwatchPool(name: string): void {
  metrics().pools.delete(name);
}

export function metricsText(): Promise<string> {
  return metrics().registry.metrics();
}

export function metricsContentType(): string {
  return metrics().registry.contentType;
}
