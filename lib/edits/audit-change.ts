// A change's rows in the audit trail: refused, conflict, pending before the PATCH, and the completion after
// it; and the History entry the save answers with, built from what was written (no read back).
import 'server-only';
import { appendAudit, type Outcome } from '@/lib/audit/audit';
import type { AuditEntry } from '@/lib/customers/history';
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
export async function auditRefused(change: Change, denied: PatchField[]): Promise<AuditEntry> {
  const detail = `not allowed to change: ${denied.join(', ')}`;
  const id = await appendAudit({
    ...row(change, null),
    action: 'customer.update.denied',
    outcome: 'rejected',
    changes: null,
    detail,
  });
  return entryOf(change, null, id, { outcome: 'rejected', detail }, { action: 'customer.update.denied' });
}

/** The conflict's row, and its History entry for the answer. */
export async function auditConflict(
  change: Change,
  testMode: boolean,
  fields: PatchField[],
): Promise<AuditEntry> {
  const detail = `changed in Flex since opened: ${fields.join(', ')}`;
  const id = await appendAudit({ ...row(change, testMode), outcome: 'conflict', detail });
  return entryOf(change, testMode, id, { outcome: 'conflict', detail }, {});
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

/** The change as the History panel lists it (its pending row, with the completion's outcome). */
export function historyEntry(
  change: Change,
  testMode: boolean,
  pendingId: number,
  c: Completion,
): AuditEntry {
  return entryOf(change, testMode, pendingId, c, { completed: true });
}

/** A row just written, as History lists it: built from what was written, not read back. */
function entryOf(
  change: Change,
  testMode: boolean | null,
  id: number,
  c: Completion,
  how: { action?: 'customer.update.denied'; completed?: boolean },
): AuditEntry {
  const { reason, revertsId, bulkRunId } = provenance(change);
  const now = new Date().toISOString();
  return {
    id,
    at: now,
    actorEmail: change.actor.email,
    actorRole: change.actor.role,
    action: how.action ?? 'customer.update',
    customerId: change.customerId,
    testMode,
    changes: how.action ? null : auditChanges(change),
    outcome: c.outcome,
    upstreamStatus: c.status ?? null,
    upstreamRequestId: c.requestId ?? null,
    durationMs: c.durationMs ?? null,
    requestId: change.request.requestId,
    ip: change.request.ip,
    userAgent: change.request.userAgent,
    detail: c.detail?.slice(0, 300) ?? null,
    completedAt: how.completed ? now : null,
    reasonCode: reason.code,
    reasonDetail: reason.detail || null,
    ticket: reason.ticket || null,
    revertsId,
    bulkRunId,
  };
}
