// The bulk worker, started in every app server (instrumentation.ts): it claims a run by lease, reads and
// plans its rows (the dry run) or applies them one by one through the one save path, renewing the lease as
// it goes. A run whose server died is picked up by any other once the lease runs out; rows left `sending`
// are resolved by reading the customer: applied → done, untouched → sent again, anything else → conflict.
import 'server-only';
import os from 'node:os';
import { ulid } from 'ulid';
import { canEditField } from '@/lib/auth/permissions';
import { findStaffById } from '@/lib/auth/staff';
import type { RequestMeta } from '@/lib/audit/audit';
import type { Staff } from '@/lib/auth/staff';
import type { SaveResult } from '@/lib/customers/save-result';
import type { Customer } from '@/lib/customers/types';
import type { Change } from '@/lib/edits/change';
import { saveChange } from '@/lib/edits/save-change';
import type { FlexClient } from '@/lib/flex/client';
import { FlexError } from '@/lib/flex/errors';
import { flex } from '@/lib/flex/flex';
import { isDraining, onShutdown } from '@/lib/lifecycle';
import { log } from '@/lib/log/logger';
import { planRow } from '../plan';
import { flexPacer, type Pacing } from '@/lib/pacing/shared-pacer';
import {
  claimRun,
  getRun,
  moveItem,
  moveRun,
  releaseLease,
  renewLease,
  runItems,
  addThrottled,
  type Item,
  type Run,
} from './runs';
import { setTimeout as sleep } from 'node:timers/promises';

export const LEASE_MS = 15_000;
/** How often an idle worker looks for a run: a run handed back by a stopping server is picked up this fast. */
const CLAIM_EVERY_MS = 250;
const CONCURRENCY = 4;
const BATCH = 40;

// Per process by nature: this server's identity and its timer. Its pace towards Flex is not: every server's
// bulk rows, sync pages and webhook re-reads take their slots from the one pacer in PostgreSQL.
const OWNER = `${os.hostname()}:${process.pid}:${ulid()}`;
const state = globalThis as unknown as {
  __bulkWorker?: { timer: NodeJS.Timeout; pacer: Pacing; current: Promise<void> | null };
};

/** A Flex client that waits for the pacer before each call and backs off on 429. */
export function pacedClient(inner: FlexClient, pacer: Pacing, on429: () => void): FlexClient {
  const paced =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      await pacer.take();
      try {
        return await fn(...a);
      } catch (e) {
        if (e instanceof FlexError && e.status === 429) {
          on429();
          pacer.backOff(e.retryAfter ?? 1);
        }
        throw e;
      }
    };
  return {
    getCustomer: paced(inner.getCustomer.bind(inner)),
    listCustomers: paced(inner.listCustomers.bind(inner)),
    createCustomer: paced(inner.createCustomer.bind(inner)),
    updateCustomer: paced(inner.updateCustomer.bind(inner)),
  };
}

export function startBulkWorker(): void {
  if (state.__bulkWorker) return;
  const pacer = flexPacer();
  const timer = setInterval(() => {
    const w = state.__bulkWorker;
    if (!w || w.current || isDraining()) return;
    w.current = tick(pacer)
      .catch((e: unknown) => log.error({ err: e instanceof Error ? e.message : String(e) }, 'bulk worker'))
      .finally(() => (w.current = null));
  }, CLAIM_EVERY_MS);
  timer.unref();
  state.__bulkWorker = { timer, pacer, current: null };
  onShutdown('bulk', stopBulkWorker);
}

/**
 * The server is stopping (lib/lifecycle.ts has set draining): take no new run, let the rows in flight finish
 * through the save path, and hand the run back at once (owner and lease cleared), so another server picks it
 * up on its next tick instead of waiting for the lease to run out.
 */
export async function stopBulkWorker(): Promise<void> {
  const w = state.__bulkWorker;
  if (!w) return;
  clearInterval(w.timer);
  await w.current;
}

async function tick(pacer: Pacing): Promise<void> {
  if (isDraining()) return;
  const run = await claimRun(OWNER, LEASE_MS);
  if (!run) return;
  await workOn(run, { owner: OWNER, pacer, flex: flex() });
}

export type WorkContext = { owner: string; pacer: Pacing; flex: FlexClient };

/** Works on a claimed run until it is finished, paused, cancelled, or the lease is lost. */
export async function workOn(run: Run, w: WorkContext): Promise<void> {
  let lost = false;
  let throttled = 0;
  const heartbeat = setInterval(() => {
    void renewLease(run.id, w.owner, LEASE_MS).then((ok) => (lost ||= !ok));
  }, LEASE_MS / 3);
  const client = pacedClient(w.flex, w.pacer, () => (throttled += 1));
  try {
    // A dry run reads as the person who planned it; writes are made in the name of whoever confirmed the run
    // (with their permissions), and each audit row names the planner too.
    const staff = await findStaffById(run.confirmedBy?.id ?? run.createdBy);
    if (!staff || staff.disabled) {
      await moveRun(run.id, ['planning', 'running'], 'paused');
      log.warn({ run: run.id }, 'bulk run paused: the person who planned or confirmed it is disabled');
      return;
    }
    const still = async () => {
      if (lost || isDraining()) return false;
      const now = await getRun(run.id);
      return !!now && now.state === run.state;
    };
    if (run.state === 'planning') {
      for (;;) {
        if (!(await still())) return;
        const batch = await runItems(run.id, { state: 'unread', limit: BATCH });
        if (batch.length === 0) break;
        await inParallel(batch, (item) => planOne(run, item, client, staff.role));
      }
      await moveRun(run.id, ['planning'], 'planned');
      return;
    }
    if (run.state === 'running') {
      if (!run.startedAt)
        await moveRun(run.id, ['running'], 'running', { started_at: new Date().toISOString() });
      for (const item of await runItems(run.id, { state: 'sending' }))
        await resolveSending(run, item, client, staff);
      for (;;) {
        if (!(await still())) return;
        const batch = await runItems(run.id, { state: 'planned', kind: 'change', limit: BATCH });
        if (batch.length === 0) break;
        await inParallel(batch, (item) => applyOne(run, item, staff, client));
        await addThrottled(run.id, throttled);
        throttled = 0;
      }
      await moveRun(run.id, ['running'], 'done', { finished_at: new Date().toISOString() });
    }
  } finally {
    clearInterval(heartbeat);
    await addThrottled(run.id, throttled);
    await releaseLease(run.id, w.owner);
  }
}

async function inParallel<T>(items: T[], fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      // A stopping server finishes the rows it has started, and starts no more.
      while (next < items.length && !isDraining()) await fn(items[next++]!);
    }),
  );
}

async function readCustomer(client: FlexClient, id: string): Promise<Customer | null | 'failed'> {
  try {
    return await client.getCustomer(id);
  } catch (e) {
    if (e instanceof FlexError && (e.status === 404 || e.kind === 'invalid_id')) return null;
    return 'failed';
  }
}

async function planOne(run: Run, item: Item, client: FlexClient, role: string): Promise<void> {
  let c = await readCustomer(client, item.customerId);
  if (c === 'failed') {
    await sleep(1000);
    c = await readCustomer(client, item.customerId);
    if (c === 'failed') return; // Left unread: the next pass reads it again.
  }
  const p = await planRow(
    item.line,
    item.cells,
    run.mapping,
    run.blanks,
    c ? { found: true, address: c.shipping } : { found: false },
    canEditField(role, 'shipping'),
  );
  await moveItem(run.id, item.line, ['unread'], 'planned', {
    kind: p.kind,
    before: JSON.stringify(p.before),
    after: JSON.stringify(p.after),
    errors: JSON.stringify(p.errors),
  });
}

/** The request an audit row of a run's write names: the run, who planned it and who confirmed it. */
function bulkRequest(run: Run): RequestMeta {
  const confirmed = run.confirmedBy ? `, confirmed by ${run.confirmedBy.email}` : '';
  return {
    requestId: `bulk:${run.id}`,
    ip: null,
    userAgent: `bulk run ${run.id}, planned by ${run.createdByEmail}${confirmed}`,
  };
}

/** A row as the Change it stands for: its planned address where the dry run read its old one. */
function rowChange(run: Run, item: Item, actor: Staff, resumes: boolean): Change {
  return {
    customerId: item.customerId,
    base: { shipping: item.before },
    patch: { shipping: item.after },
    reason: run.reason ?? { code: 'carrier_correction', detail: `bulk run ${run.id}`, ticket: '' },
    actor,
    request: bulkRequest(run),
    origin: { kind: 'bulk', runId: run.id, line: item.line, resumes },
  };
}

async function applyOne(run: Run, item: Item, actor: Staff, client: FlexClient): Promise<void> {
  // Marked before the PATCH: a crash from here on leaves `sending`, taken up again with `resumes`.
  if (!(await moveItem(run.id, item.line, ['planned'], 'sending'))) return;
  await recordOutcome(
    run,
    item,
    await saveChange(rowChange(run, item, actor, false), { flex: client }),
    false,
  );
}

/**
 * A row left `sending` by a server that stopped: the same change again, which finds it already in Flex
 * (done), or sends it (the address is still the old one), or meets a conflict (neither).
 */
export async function resolveSending(run: Run, item: Item, client: FlexClient, actor?: Staff): Promise<void> {
  const staff = actor ?? (await findStaffById(run.confirmedBy?.id ?? run.createdBy));
  if (!staff) return;
  await recordOutcome(run, item, await saveChange(rowChange(run, item, staff, true), { flex: client }), true);
}

async function recordOutcome(run: Run, item: Item, r: SaveResult, resumes: boolean): Promise<void> {
  const move = (to: Parameters<typeof moveItem>[3], extra?: Parameters<typeof moveItem>[4]) =>
    moveItem(run.id, item.line, ['sending'], to, extra);
  if (r.ok) {
    await move('done', { audit_id: r.value.kind === 'saved' ? r.value.auditId : null });
    return;
  }
  if (r.kind === 'conflict' || r.kind === 'not_found') {
    const error =
      r.kind === 'not_found'
        ? 'The customer no longer exists.'
        : resumes
          ? 'The address in Flex is neither the planned before nor after.'
          : 'The address was changed in Flex after the dry run; not written.';
    await move('conflict', { error });
    return;
  }
  // Flex could not be read, or did not say: the row stays `sending`, looked at again on the next pass.
  if (r.kind === 'upstream' && (resumes || r.applied === null)) return;
  if (r.kind === 'upstream' && r.retryAfter !== undefined) {
    await move('planned');
    return;
  }
  // Flex's own words (or today's rules) say what to fix in the file.
  const detail = r.kind === 'invalid' ? Object.values(r.fieldErrors).flat().join(' ') : '';
  await move('failed', { error: `${r.message}${detail ? ` ${detail}` : ''}`.slice(0, 500) });
}
