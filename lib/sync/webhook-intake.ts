// What POST /webhooks/flex does once the body is read: verify, read the event, and queue it in PostgreSQL
// under its webhook-id (a repeat, on any server, is acknowledged and ignored); the work itself is done by
// the webhook worker, so the answer comes at once. Every outcome is a status and a plain message.
import 'server-only';
import { sql } from 'kysely';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { isCustomerId } from '@/lib/customers/types';
import { db } from '@/lib/db/database';
import { log } from '@/lib/log/logger';
import { verifyWebhook, type WebhookHeaders } from './webhook-verify';

export const MAX_WEBHOOK_BYTES = 256 * 1024;
export const CUSTOMER_EVENTS = ['customer.created', 'customer.updated', 'customer.deleted'] as const;

export type Intake = { status: number; body: { ok: boolean; message: string } };

// Permissive like every Flex answer: only what the desk acts on is required (other types may carry anything).
const eventSchema = z.object({ type: z.string().min(1).max(100), data: z.unknown() });

function customerOf(data: unknown): { id: unknown; testMode: boolean | undefined } {
  const customer = (data as { customer?: unknown } | null)?.customer;
  if (!customer || typeof customer !== 'object') return { id: undefined, testMode: undefined };
  const c = customer as { customer_id?: unknown; test_mode?: unknown };
  return { id: c.customer_id, testMode: typeof c.test_mode === 'boolean' ? c.test_mode : undefined };
}

const answer = (status: number, ok: boolean, message: string): Intake => ({ status, body: { ok, message } });

/** Wakes this server's webhook worker at once (set by the worker; the poll is the fallback). */
export const kick = () => (globalThis as { __deskWebhookKick?: () => void }).__deskWebhookKick?.();

export async function acceptWebhook(raw: string, headers: WebhookHeaders): Promise<Intake> {
  const v = verifyWebhook(raw, headers, getConfig().webhookSecrets);
  if (!v.ok) {
    log.warn({ reason: v.reason }, 'webhook refused');
    return answer(401, false, v.message);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    log.warn({ webhookId: v.id }, 'webhook refused: body is not JSON');
    return answer(400, false, 'The body is not valid JSON.');
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) {
    log.warn({ webhookId: v.id }, 'webhook refused: not an event ({"type", "data"})');
    return answer(400, false, 'The body is not a Flex event: it needs "type" and "data".');
  }
  const event = parsed.data;
  const known = (CUSTOMER_EVENTS as readonly string[]).includes(event.type);
  const { id: rawId, testMode } = customerOf(event.data);
  if (known && !isCustomerId(rawId)) {
    log.warn({ webhookId: v.id, type: event.type }, 'webhook refused: no valid customer id');
    return answer(400, false, 'The event names no valid customer id (data.customer.customer_id).');
  }
  const customerId = known ? (rawId as string) : null;
  const otherMode = known && testMode !== undefined && testMode !== getConfig().flex.testMode;
  let state = 'queued';
  let note = 'Queued.';
  if (!known) {
    state = 'ignored';
    note = `Event type ${event.type.slice(0, 100)} is not one the desk acts on; acknowledged.`;
  } else if (otherMode) {
    state = 'ignored';
    note = `A ${testMode ? 'test-mode' : 'live'} customer on a ${testMode ? 'live' : 'test-mode'} desk; ignored.`;
  }
  const r = await sql`
    INSERT INTO webhook_event (id, type, customer_id, state, sent_at, error, done_at)
    VALUES (${v.id}, ${event.type.slice(0, 100)}, ${customerId}, ${state}, ${v.timestamp},
      ${state === 'ignored' ? note : null}, ${state === 'ignored' ? sql`clock_timestamp()` : null})
    ON CONFLICT (id) DO NOTHING`.execute(await db());
  if (Number(r.numAffectedRows ?? 0) === 0) return answer(200, true, 'Already received; ignored.');
  if (state === 'ignored') {
    log.warn({ webhookId: v.id, type: event.type.slice(0, 100) }, `webhook ignored: ${note}`);
    return answer(200, true, note);
  }
  kick();
  return answer(200, true, note);
}
