// Revert (and Undo): take back one completed change through the same save path. The change sent is the
// inverse (each field's "before"); the conflict check compares Flex's current values with that change's
// "after", so a field someone changed since is shown as a conflict and never overwritten.
import 'server-only';
import { z } from 'zod';
import { readChange } from '@/lib/audit/audit';
import { canEditField } from '@/lib/auth/permissions';
import { PATCH_FIELDS, buildPatch, type PatchField } from '@/lib/customers/patch';
import { FIELD_LABEL } from '@/lib/customers/labels';
import type { SaveResult } from '@/lib/customers/save-result';
import { customerEditSchema, toFormValues } from '@/lib/customers/schema';
import { editableFields, isCustomerId, type CustomerFields } from '@/lib/customers/types';
import { applyChange, failureResult, reasonOrRefusal, UNEXPECTED, type SaveContext } from './save-customer';

const input = z.strictObject({
  id: z.string().max(200),
  auditId: z.number().int().positive(),
  reason: z.unknown().optional(),
});

export async function revertCustomerChange(ctx: SaveContext, raw: unknown): Promise<SaveResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return UNEXPECTED;
  const { id, auditId } = parsed.data;
  if (!isCustomerId(id)) return { ok: false, kind: 'not_found', message: 'Not a customer id.' };
  // The change is read from the audit trail, never taken from the browser.
  const change = await readChange(auditId);
  if (!change || change.customerId !== id)
    return { ok: false, kind: 'not_found', message: 'That change is not in this customer’s history.' };
  if (change.outcome !== 'success')
    return {
      ok: false,
      kind: 'invalid',
      message: 'Only a saved change can be reverted.',
      fieldErrors: {},
    };
  const fields = PATCH_FIELDS.filter((f) => f in change.changes);
  if (fields.length === 0) return UNEXPECTED;
  const denied = fields.filter((f) => !canEditField(ctx.staff.role, f));
  if (denied.length > 0)
    return {
      ok: false,
      kind: 'forbidden',
      message: `Your role cannot change: ${denied.map((f) => FIELD_LABEL[f]).join(', ')}.`,
      fields: denied,
    };
  const reason = reasonOrRefusal(parsed.data.reason, ctx.reasonRequired);
  if (!reason.ok) return reason.result;

  let current: CustomerFields;
  try {
    current = editableFields(await ctx.flex.getCustomer(id));
  } catch (e) {
    return failureResult(e);
  }
  // "Opened" state: Flex as it is, but with the change's "after" where it changed, so the conflict check
  // under the lock sees any field that moved since that change.
  const after = withValues(current, fields, 'after', change.changes);
  const target = withValues(after, fields, 'before', change.changes);
  // The old values are checked by today's rules like any edit: a value Flex held before our rules may no
  // longer be accepted, and then nothing is sent.
  const checked = await customerEditSchema(after).safeParseAsync(toFormValues(target));
  if (!checked.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of checked.error.issues) (fieldErrors[i.path.join('.') || 'form'] ??= []).push(i.message);
    return {
      ok: false,
      kind: 'invalid',
      message: `This change cannot be reverted as it was: the earlier value is not accepted now (${Object.values(
        fieldErrors,
      )
        .flat()
        .join(' ')}). Edit the field instead.`,
      fieldErrors,
    };
  }
  return applyChange(ctx, {
    id,
    original: after,
    patch: buildPatch(after, checked.data),
    reason: reason.reason,
    revertsId: change.id,
  });
}

function withValues(
  base: CustomerFields,
  fields: PatchField[],
  side: 'before' | 'after',
  changes: Record<string, { before: unknown; after: unknown }>,
): CustomerFields {
  const out = { ...base } as Record<PatchField, unknown>;
  for (const f of fields) out[f] = changes[f]?.[side];
  return out as CustomerFields;
}
