// The sandbox's webhook sender, as Flex sends them (FLEX_API.md): one event per create, change and delete,
// `{"type", "timestamp", "data": {"customer"}}`, signed the Standard Webhooks way (the `standardwebhooks`
// package; each attempt signed afresh with its own timestamp), retried like a real sender on anything but
// a 2xx (growing delays, for about ten minutes here rather than Flex's day). Deliveries run in the
// background, in order of the changes, never on the request that made the change.
import { monotonicFactory } from 'ulid';
import { Webhook } from 'standardwebhooks';
import type { SandboxCustomer } from './store';

export type WebhookType = 'customer.created' | 'customer.updated' | 'customer.deleted';

export type WebhookTarget = { url: string; secret: string };

export type Delivery = {
  id: string;
  type: WebhookType;
  customerId: string;
  attempts: number;
  status: number;
};

/** Seconds before each retry. */
export const RETRY_DELAYS = [1, 2, 5, 10, 30, 60, 120, 300];
const TIMEOUT_MS = 5000;
const nextId = monotonicFactory();

export function createWebhookSender(target: WebhookTarget) {
  const hook = new Webhook(target.secret);
  /** Recent deliveries, for the admin route and tests (the last 1,000). */
  const log: Delivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  async function attempt(d: Delivery, body: string): Promise<void> {
    if (closed) return;
    d.attempts += 1;
    const at = new Date();
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'webhook-id': d.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': hook.sign(d.id, at, body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      d.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return;
    } catch {
      d.status = -1; // no answer
    }
    const delay = RETRY_DELAYS[d.attempts - 1];
    if (delay === undefined || closed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      void attempt(d, body);
    }, delay * 1000);
    t.unref();
    timers.add(t);
  }

  // First attempts go out one at a time, in the order of the changes (retries may then overtake).
  let chain: Promise<void> = Promise.resolve();

  return {
    deliveries: log,
    send(type: WebhookType, customer: SandboxCustomer): void {
      if (closed) return;
      const d: Delivery = {
        id: `msg_${nextId()}`,
        type,
        customerId: customer.customer_id,
        attempts: 0,
        status: 0,
      };
      log.push(d);
      if (log.length > 1000) log.shift();
      const body = JSON.stringify({
        type,
        timestamp: new Date().toISOString(),
        data: { customer },
      });
      chain = chain.then(() => attempt(d, body));
    },
    /** Waits for first attempts in flight; pending retries are dropped. */
    async close(): Promise<void> {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await chain;
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
