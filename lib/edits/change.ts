// What every write to a customer is: a Change. The edit page, a revert, an undo and a bulk row each build
// one and hand it to saveChange; nothing else writes to Flex.
import 'server-only';
import type { RequestMeta } from '@/lib/audit/audit';
import type { Staff } from '@/lib/auth/staff';
import type { Changes } from '@/lib/customers/history';
import { changedFields, type CustomerPatch } from '@/lib/customers/patch';
import type { EditReason } from '@/lib/customers/reason';

export type ChangeOrigin =
  | { kind: 'edit' }
  /** Takes back the change whose pending audit row is `revertsId` (undo: the one just saved). */
  | { kind: 'revert' | 'undo'; revertsId: number }
  /**
   * A row of a bulk run. `resumes`: the row was left `sending` by a server that stopped, so the change may
   * already be in Flex; finding it there completes the row without sending it again.
   */
  | { kind: 'bulk'; runId: string; line: number; resumes: boolean };

export type Change = {
  customerId: string;
  /** Flex's values of the fields being sent, as the author saw them: the conflict check compares with these. */
  base: CustomerPatch;
  /** What is sent: only the fields that change. */
  patch: CustomerPatch;
  reason: EditReason;
  actor: Staff;
  request: RequestMeta;
  origin: ChangeOrigin;
};

/** The change as the audit trail records it: each field's before (the base) and after (the patch). */
export function auditChanges(change: Pick<Change, 'base' | 'patch'>): Changes {
  const out: Changes = {};
  for (const f of changedFields(change.patch)) out[f] = { before: change.base[f], after: change.patch[f] };
  return out;
}

/** The columns of an audit row that say where a change came from. */
export function provenance(change: Change) {
  const o = change.origin;
  return {
    reason: change.reason,
    revertsId: o.kind === 'revert' || o.kind === 'undo' ? o.revertsId : null,
    bulkRunId: o.kind === 'bulk' ? o.runId : null,
  };
}

export function actorOf(staff: Staff) {
  return { id: staff.id, email: staff.email, role: staff.role };
}
