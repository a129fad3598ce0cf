// Revert (and Undo): take back one saved change. The change is read from the audit trail, never taken
// from the browser; its inverse is sent where Flex should still hold what that change wrote, so a field
// someone changed since is shown as a conflict and never overwritten.
import 'server-only';
import { z } from 'zod';
import { readChange, type RecordedChange } from '@/lib/audit/audit';
import { invalid, notFound } from '@/lib/customers/action-result';
import { inverseOf } from '@/lib/customers/inverse';
import type { SaveResult } from '@/lib/customers/save-result';
import { editableFields, isCustomerId } from '@/lib/customers/types';
import { flex as appFlex } from '@/lib/flex/flex';
import { reasonOrRefusal, type EditContext } from './edit';
import { withCustomerLock } from './lock';
import { completeOrphans, orphanedPending } from './pending';
import { LOCK_BUSY, NOT_A_CUSTOMER_ID, UNEXPECTED } from './results';
import { saveChange } from './save-change';

const input = z.strictObject({
  id: z.string().max(200),
  auditId: z.number().int().positive(),
  mode: z.enum(['revert', 'undo']).optional(),
  reason: z.unknown().optional(),
});

export async function revertCustomerChange(ctx: EditContext, raw: unknown): Promise<SaveResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return UNEXPECTED;
  const { id, auditId } = parsed.data;
  if (!isCustomerId(id)) return NOT_A_CUSTOMER_ID;
  let recorded = await readChange(auditId);
  if (recorded?.outcome === 'pending' && recorded.customerId === id) {
    const settled = await settledChange(ctx, id, auditId);
    if (settled === 'busy') return LOCK_BUSY;
    recorded = settled;
  }
  if (!recorded || recorded.customerId !== id)
    return notFound('That change is not in this customer’s history.');
  if (recorded.outcome !== 'success') return invalid('Only a saved change can be reverted.');
  const { fields, base, patch } = inverseOf(recorded.changes);
  if (fields.length === 0) return UNEXPECTED;
  const reason = reasonOrRefusal(parsed.data.reason, ctx.reasonRequired);
  if (!reason.ok) return reason;
  const r = await saveChange(
    {
      customerId: id,
      base,
      patch,
      reason: reason.reason,
      actor: ctx.staff,
      request: ctx.request,
      origin: { kind: parsed.data.mode ?? 'revert', revertsId: recorded.id },
    },
    { flex: ctx.flex, answerEarly: true },
  );
  // The old values are checked by today's rules like any edit: one Flex held before them may be refused.
  if (!r.ok && r.kind === 'invalid')
    return invalid(
      `This change cannot be reverted as it was: the earlier value is not accepted now (${Object.values(
        r.fieldErrors,
      )
        .flat()
        .join(' ')}). Edit the field instead.`,
      r.fieldErrors,
    );
  return r;
}

/**
 * A change still `pending`: one saved a moment ago is completing (its row is written after the answer, under
 * the customer's lock), so once the lock is ours its outcome is in. Still pending then, its server stopped
 * before writing it: settled here as the next save would settle it (Flex read, landed or not decided).
 */
async function settledChange(ctx: EditContext, id: string, auditId: number) {
  return withCustomerLock<RecordedChange | null | 'busy'>(
    id,
    async () => {
      const again = await readChange(auditId);
      if (again?.outcome !== 'pending') return again;
      const orphans = await orphanedPending(id);
      if (orphans.length > 0) {
        const current = await (ctx.flex ?? appFlex()).getCustomer(id);
        await completeOrphans(id, orphans, editableFields(current), ctx.request);
      }
      return readChange(auditId);
    },
    () => 'busy' as const,
  );
}
