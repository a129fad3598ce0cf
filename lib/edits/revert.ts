// Revert (and Undo): take back one saved change. The change is read from the audit trail, never taken
// from the browser; its inverse is sent where Flex should still hold what that change wrote, so a field
// someone changed since is shown as a conflict and never overwritten.
import 'server-only';
import { z } from 'zod';
import { readChange } from '@/lib/audit/audit';
import { invalid, notFound } from '@/lib/customers/action-result';
import { inverseOf } from '@/lib/customers/inverse';
import type { SaveResult } from '@/lib/customers/save-result';
import { isCustomerId } from '@/lib/customers/types';
import { reasonOrRefusal, type EditContext } from './edit';
import { withCustomerLock } from './lock';
import { NOT_A_CUSTOMER_ID, UNEXPECTED } from './results';
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
  // A change saved a moment ago may still be completing (its row is written after the answer, under the
  // customer's lock): once the lock is free its outcome is in.
  if (recorded?.outcome === 'pending' && recorded.customerId === id)
    recorded = await withCustomerLock(
      id,
      () => readChange(auditId),
      () => recorded,
    );
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
