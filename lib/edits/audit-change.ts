// A change's rows in the audit trail: refused, conflict, pending before the PATCH, and the completion after
// it; and the History entry the save answers with, built from what is written (no read back; a saved change's
// completion row is written just after its answer).
import 'server-only';
import { appendAudit, type Outcome } from '@/lib/audit/audit';
import type { HistoryEntry } from '@/lib/customers/history';
import type { PatchField } from '@/lib/customers/patch';
import { actorOf, auditChanges, provenance, type Change } from './change';

export type Completion = {
  outcome: Outcome;
  status?: number | undefined;
  requestId?: string | undefined;
  detail?: string | undefined;
  durationMs?: number | undefined;
};

function row(change: Change, testMode: boolean | null) {
  return {
    actor: actorOf(change.actor),
    request: change.request,
    action: 'customer.update' as const,
    customerId: change.customerId,
    testMode,
    changes: auditChanges(change),
    ...provenance(change),
  };
}

/** The refusal's row, and its History entry for the answer. */
export async function auditRefused(change: Change, denied: PatchField[]): Promise<HistoryEntry> {
  const detail = `not allowed to change: ${denied.join(', ')}`;
  const id = await appendAudit({
    ...row(change, null),
    action: 'customer.update.denied',
    outcome: 'rejected',
    changes: null,
    detail,
  });
  return historyEntry(change, id, { outcome: 'rejected', detail }, 'customer.update.denied');
}

/** The conflict's row, and its History entry for the answer. */
export async function auditConflict(
  change: Change,
  testMode: boolean,
  fields: PatchField[],
): Promise<HistoryEntry> {
  const detail = `changed in Flex since opened: ${fields.join(', ')}`;
  const id = await appendAudit({ ...row(change, testMode), outcome: 'conflict', detail });
  return historyEntry(change, id, { outcome: 'conflict', detail });
}

/** Written before the PATCH: if it cannot be written, nothing is sent. */
export function auditPending(change: Change, testMode: boolean): Promise<number> {
  return appendAudit({ ...row(change, testMode), outcome: 'pending' });
}

export function auditCompletion(
  change: Change,
  testMode: boolean,
  pendingId: number,
  c: Completion,
): Promise<number> {
  return appendAudit({
    ...row(change, testMode),
    outcome: c.outcome,
    upstreamStatus: c.status ?? null,
    upstreamRequestId: c.requestId ?? null,
    durationMs: c.durationMs ?? null,
    detail: c.detail?.slice(0, 300) ?? null,
    completesId: pendingId,
  });
}

/**
 * A row just written, as History lists it: built from what was written, not read back. A saved change is
 * listed as its pending row with the completion's outcome.
 */
export function historyEntry(
  change: Change,
  id: number,
  c: Completion,
  action: 'customer.update' | 'customer.update.denied' = 'customer.update',
): HistoryEntry {
  const { reason, revertsId } = provenance(change);
  return {
    id,
    at: new Date().toISOString(),
    actorEmail: change.actor.email,
    action,
    outcome: c.outcome,
    detail: c.detail?.slice(0, 300) ?? null,
    changes: action === 'customer.update' ? auditChanges(change) : null,
    reasonCode: reason.code,
    reasonDetail: reason.detail || null,
    ticket: reason.ticket || null,
    revertsId,
  };
}
