// An edit from the customer page: the form's input, read with the shared schema into a Change. Refusals
// come first (the role, per field touched), then anything unexpected, then the fields' own rules.
import 'server-only';
import { z } from 'zod';
import type { RequestMeta } from '@/lib/audit/audit';
import { canEditField } from '@/lib/auth/permissions';
import type { Staff } from '@/lib/auth/staff';
import { invalid, type Failure } from '@/lib/customers/action-result';
import {
  buildPatch,
  changedFields,
  PATCH_FIELDS,
  type CustomerPatch,
  type PatchField,
} from '@/lib/customers/patch';
import { checkReason, type EditReason } from '@/lib/customers/reason';
import type { SaveFailure, SaveResult } from '@/lib/customers/save-result';
import { customerEditSchema, customerFieldsSchema, toFormValues } from '@/lib/customers/schema';
import { ADDRESS_FIELDS, isCustomerId, type CustomerFields } from '@/lib/customers/types';
import type { FlexClient } from '@/lib/flex/client';
import { auditRefused } from './audit-change';
import type { Change } from './change';
import { NOT_A_CUSTOMER_ID, UNEXPECTED, roleCannotChange } from './results';
import { saveChange } from './save-change';

/** Who saves, from where, and the rules of this desk; `flex` only where a test points it elsewhere. */
export type EditContext = { staff: Staff; request: RequestMeta; reasonRequired: boolean; flex?: FlexClient };

const envelope = z.strictObject({
  id: z.string().max(200),
  original: z.unknown(),
  values: z.unknown(),
  reason: z.unknown().optional(),
});

export async function saveCustomerEdit(ctx: EditContext, input: unknown): Promise<SaveResult> {
  const read = await readEdit(ctx, input);
  if (!read.ok) return read;
  return saveChange(read.change, { flex: ctx.flex, answerEarly: true });
}

async function readEdit(
  ctx: EditContext,
  input: unknown,
): Promise<{ ok: true; change: Change } | SaveFailure> {
  const env = envelope.safeParse(input);
  if (!env.success) return UNEXPECTED;
  const { id } = env.data;
  if (!isCustomerId(id)) return NOT_A_CUSTOMER_ID;
  const orig = customerFieldsSchema.safeParse(env.data.original);
  if (!orig.success) return UNEXPECTED;
  const original = orig.data as CustomerFields;
  const draft = (patch: CustomerPatch, reason: EditReason): Change => ({
    customerId: id,
    base: pick(original, changedFields(patch)),
    patch,
    reason,
    actor: ctx.staff,
    request: ctx.request,
    origin: { kind: 'edit' },
  });

  // The role, for every field being changed, before anything else is looked at.
  const denied = touchedFields(original, env.data.values).filter((f) => !canEditField(ctx.staff.role, f));
  if (denied.length > 0) {
    const entry = await auditRefused(draft(pick(original, denied), NO_REASON_GIVEN), denied);
    return { ...roleCannotChange(denied), entry };
  }
  // Unknown keys are refused by the schema's strict objects, and here by own key too, since names such
  // as "constructor" or "__proto__" can slip past a check that uses `in`.
  const stray = strayKeys(env.data.values, env.data.original);
  if (stray.length > 0)
    return invalid(`Unexpected field: ${stray.join(', ').slice(0, 100)}. Reload the page.`);
  // Only what is sent is validated: unchanged fields pass through as Flex holds them.
  const parsed = await customerEditSchema(original).safeParseAsync(env.data.values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues)
      (fieldErrors[issue.path.join('.') || 'form'] ??= []).push(issue.message);
    return invalid('Some fields need fixing.', fieldErrors);
  }
  const reason = reasonOrRefusal(env.data.reason, ctx.reasonRequired);
  if (!reason.ok) return reason;
  return { ok: true, change: draft(buildPatch(original, parsed.data), reason.reason) };
}

const NO_REASON_GIVEN: EditReason = { code: null, detail: '', ticket: '' };

/** The reason as typed → the stored reason, or the refusal with the message at its field. */
export function reasonOrRefusal(
  input: unknown,
  required: boolean,
): { ok: true; reason: EditReason } | Failure {
  const r = checkReason(input, required);
  if (r.ok) return { ok: true, reason: r.value };
  const fieldErrors: Record<string, string[]> = {};
  for (const [k, m] of Object.entries(r.fieldErrors)) fieldErrors[k] = [m];
  return invalid('Say why you are making this change.', fieldErrors);
}

function pick(f: CustomerFields, fields: PatchField[]): CustomerPatch {
  return Object.fromEntries(fields.map((k) => [k, f[k]])) as CustomerPatch;
}

/** Which fields the raw input would change, before validation (for the permission check). */
function touchedFields(original: CustomerFields, values: unknown): PatchField[] {
  if (typeof values !== 'object' || values === null) return [];
  const loaded = toFormValues(original) as Record<string, unknown>;
  const v = values as Record<string, unknown>;
  return PATCH_FIELDS.filter((f) => f in v && JSON.stringify(v[f]) !== JSON.stringify(loaded[f]));
}

const FORM_KEYS = new Set<string>([...PATCH_FIELDS]);
const ADDRESS_KEYS = new Set<string>(ADDRESS_FIELDS);

function strayKeys(values: unknown, original: unknown): string[] {
  const out: string[] = [];
  for (const obj of [values, original]) {
    if (typeof obj !== 'object' || obj === null) continue;
    out.push(...Object.keys(obj).filter((k) => !FORM_KEYS.has(k)));
    const ship = (obj as Record<string, unknown>).shipping;
    if (typeof ship === 'object' && ship !== null)
      out.push(...Object.keys(ship).filter((k) => !ADDRESS_KEYS.has(k)));
  }
  return out;
}
