// The one save path of a change to a customer, in the order the edit page promises: permissions per field,
// re-validation with the shared schema (only what is sent), the minimal PATCH, the conflict check under a
// per-customer lock, a pending audit row, the PATCH, the completed audit row, and the post-save check.
// The edit page uses `saveCustomerEdit`; a revert or undo builds its change and calls `applyChange`.
import 'server-only';
import { z } from 'zod';
import { appendAudit, type Changes, type Outcome, type RequestInfo } from '@/lib/audit/audit';
import { reconcilePending } from '@/lib/audit/reconcile';
import { canEditField } from '@/lib/auth/permissions';
import type { Staff } from '@/lib/auth/staff';
import { findConflicts, postSaveDifferences } from '@/lib/customers/conflict';
import { describeFailure } from '@/lib/customers/failure';
import {
  buildPatch,
  changedFields,
  sameField,
  PATCH_FIELDS,
  type CustomerPatch,
  type PatchField,
} from '@/lib/customers/patch';
import { FIELD_LABEL } from '@/lib/customers/labels';
import type { SaveResult } from '@/lib/customers/save-result';
import { customerEditSchema, customerFieldsSchema, toFormValues } from '@/lib/customers/schema';
import { checkReason, type EditReason } from '@/lib/customers/reason';
import { isCustomerId, type Customer, type CustomerFields } from '@/lib/customers/types';
import { editableFields } from '@/lib/customers/types';
import type { FlexClient, UpstreamMeta } from '@/lib/flex/client';
import { FlexError } from '@/lib/flex/errors';
import { withAdvisoryLock } from '@/lib/db/lock';
import { countSave } from '@/lib/metrics';

export type SaveContext = {
  staff: Staff;
  request: RequestInfo;
  flex: FlexClient;
  /** EDIT_REASON: whether a reason from the list must be given. */
  reasonRequired: boolean;
};

const envelope = z.strictObject({
  id: z.string().max(200),
  original: z.unknown(),
  values: z.unknown(),
  reason: z.unknown().optional(),
});

export const UNEXPECTED: SaveResult = {
  ok: false,
  kind: 'invalid',
  message: 'The form sent something unexpected. Reload the page.',
  fieldErrors: {},
};

/** The reason as typed → the stored reason, or the refusal with the message at its field. */
export function reasonOrRefusal(
  input: unknown,
  required: boolean,
): { ok: true; reason: EditReason } | { ok: false; result: SaveResult } {
  const r = checkReason(input, required);
  if (r.ok) return { ok: true, reason: r.value };
  const fieldErrors: Record<string, string[]> = {};
  for (const [k, m] of Object.entries(r.fieldErrors)) fieldErrors[k] = [m];
  return {
    ok: false,
    result: { ok: false, kind: 'invalid', message: 'Say why you are making this change.', fieldErrors },
  };
}

/** Flex's `param` (customer.shipping.city) → the form's field name (shipping.city). */
export function formFieldOf(param: string | undefined): string | undefined {
  if (!param?.startsWith('customer.')) return undefined;
  const path = param.slice('customer.'.length);
  const top = path.split('.')[0] as PatchField;
  return PATCH_FIELDS.includes(top) ? path : undefined;
}

export function changesOf(original: CustomerFields, patch: CustomerPatch): Changes {
  const out: Changes = {};
  for (const f of changedFields(patch)) out[f] = { before: original[f], after: patch[f] };
  return out;
}

/** Which fields the raw input would change, before validation (for the permission check). */
function touchedFields(original: CustomerFields, values: unknown): PatchField[] {
  if (typeof values !== 'object' || values === null) return [];
  const loaded = toFormValues(original) as Record<string, unknown>;
  const v = values as Record<string, unknown>;
  return PATCH_FIELDS.filter((f) => f in v && JSON.stringify(v[f]) !== JSON.stringify(loaded[f]));
}

const FORM_KEYS = new Set<string>([...PATCH_FIELDS]);
const ADDRESS_KEYS = new Set<string>(['line1', 'line2', 'city', 'state', 'postal_code', 'country']);

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

function appliedState(
  current: CustomerFields,
  original: CustomerFields,
  patch: CustomerPatch,
): 'applied' | 'not_applied' | 'unclear' {
  const fields = changedFields(patch);
  const target = { ...current, ...patch } as CustomerFields;
  if (fields.every((f) => sameField(f, current, target))) return 'applied';
  if (fields.every((f) => sameField(f, current, original))) return 'not_applied';
  return 'unclear';
}

export async function saveCustomerEdit(ctx: SaveContext, input: unknown): Promise<SaveResult> {
  const env = envelope.safeParse(input);
  if (!env.success) return UNEXPECTED;
  const { id } = env.data;
  if (!isCustomerId(id)) return { ok: false, kind: 'not_found', message: 'Not a customer id.' };
  const orig = customerFieldsSchema.safeParse(env.data.original);
  if (!orig.success) return UNEXPECTED;
  const original: CustomerFields = orig.data as CustomerFields;

  // 1. Permission for every field being changed, before anything else is looked at.
  const denied = touchedFields(original, env.data.values).filter((f) => !canEditField(ctx.staff.role, f));
  if (denied.length > 0) return refuse(ctx, id, denied);

  // 2. Re-validate with the shared schema; unknown keys are rejected by its strict objects, and here by own
  // key too, since names such as "constructor" or "__proto__" can slip past a check that uses `in`.
  const stray = strayKeys(env.data.values, env.data.original);
  if (stray.length > 0)
    return {
      ok: false,
      kind: 'invalid',
      message: `Unexpected field: ${stray.join(', ').slice(0, 100)}. Reload the page.`,
      fieldErrors: {},
    };
  // Only what is sent is validated: unchanged fields pass through as Flex holds them.
  const parsed = await customerEditSchema(original).safeParseAsync(env.data.values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || 'form';
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { ok: false, kind: 'invalid', message: 'Some fields need fixing.', fieldErrors };
  }
  const reason = reasonOrRefusal(env.data.reason, ctx.reasonRequired);
  if (!reason.ok) return reason.result;

  // 3. The minimal PATCH. Nothing changed: no call at all.
  const patch = buildPatch(original, parsed.data);
  return applyChange(ctx, { id, original, patch, reason: reason.reason, revertsId: null });
}

async function refuse(ctx: SaveContext, id: string, denied: PatchField[]): Promise<SaveResult> {
  await appendAudit({
    actor: actorOf(ctx),
    request: ctx.request,
    action: 'customer.update.denied',
    outcome: 'rejected',
    customerId: id,
    detail: `not allowed to change: ${denied.join(', ')}`,
  });
  return {
    ok: false,
    kind: 'forbidden',
    message: `Your role cannot change: ${denied.map((f) => FIELD_LABEL[f]).join(', ')}.`,
    fields: denied,
  };
}

function actorOf(ctx: SaveContext) {
  return { id: ctx.staff.id, email: ctx.staff.email, role: ctx.staff.role };
}

export type Change = {
  id: string;
  /** What the change was made against: the conflict check compares Flex's current values with it. */
  original: CustomerFields;
  patch: CustomerPatch;
  reason: EditReason;
  /** The pending audit row of the change this one takes back (revert, undo). */
  revertsId: number | null;
  /** The bulk run this change is a row of. */
  bulkRunId?: string | null;
};

/** Steps 3–6 of the save path, shared by edits, reverts and bulk rows: the only code that writes to Flex. */
export async function applyChange(ctx: SaveContext, change: Change): Promise<SaveResult> {
  return countedSave(await applyChangeUncounted(ctx, change));
}

/** desk_saves_total by outcome: saved, unchanged (nothing to send), or the refusal's kind. */
function countedSave(r: SaveResult): SaveResult {
  countSave(r.ok ? (r.customer ? 'saved' : 'unchanged') : r.kind);
  return r;
}

async function applyChangeUncounted(ctx: SaveContext, change: Change): Promise<SaveResult> {
  const { id, original, patch, reason, revertsId, bulkRunId } = change;
  const actor = actorOf(ctx);
  const fields = changedFields(patch);
  if (fields.length === 0)
    return {
      ok: true,
      customer: null,
      changed: [],
      differences: [],
      message: 'Nothing to save: no field differs from Flex.',
    };
  // The same check on what will really be sent.
  const stillDenied = fields.filter((f) => !canEditField(ctx.staff.role, f));
  if (stillDenied.length > 0) return refuse(ctx, id, stillDenied);
  const why = { reason, revertsId, bulkRunId: bulkRunId ?? null };

  return withCustomerLock(id, async () => {
    // 4. The conflict check: Flex's current value against what the form was loaded with.
    let current: Customer;
    try {
      current = await ctx.flex.getCustomer(id);
    } catch (e) {
      return failureResult(e);
    }
    await reconcilePending(id, editableFields(current), ctx.request); // a save cut short by a dead server
    const conflicts = findConflicts(original, editableFields(current), patch);
    if (conflicts.length > 0) {
      await appendAudit({
        actor,
        request: ctx.request,
        action: 'customer.update',
        outcome: 'conflict',
        customerId: id,
        testMode: current.test_mode,
        changes: changesOf(original, patch),
        detail: `changed in Flex since opened: ${conflicts.map((c) => c.field).join(', ')}`,
        ...why,
      });
      return {
        ok: false,
        kind: 'conflict',
        message:
          'Someone changed this customer after you opened it. Choose, for each field, which value to keep.',
        conflicts,
        current,
      };
    }

    // 5. Pending audit row first: if it cannot be written, nothing is sent.
    const changes = changesOf(original, patch);
    const pendingId = await appendAudit({
      actor,
      request: ctx.request,
      action: 'customer.update',
      outcome: 'pending',
      customerId: id,
      testMode: current.test_mode,
      changes,
      ...why,
    });
    const started = performance.now();
    const complete = (
      outcome: Outcome,
      extra: { status?: number; requestId?: string; detail?: string; changes?: Changes },
    ) =>
      appendAudit({
        actor,
        request: ctx.request,
        action: 'customer.update',
        outcome,
        customerId: id,
        testMode: current.test_mode,
        changes: extra.changes ?? changes,
        upstreamStatus: extra.status ?? null,
        upstreamRequestId: extra.requestId ?? null,
        durationMs: Math.round(performance.now() - started),
        detail: extra.detail ?? null,
        completesId: pendingId,
        ...why,
      });

    try {
      const upstream: UpstreamMeta = {};
      const answer = await ctx.flex.updateCustomer(id, patch, upstream);
      // The record as Flex sent it rides along for "As Flex returned it".
      const saved: Customer = { ...answer, raw: upstream.raw };
      const differences = postSaveDifferences(patch, editableFields(saved));
      await complete('success', {
        status: upstream.status,
        requestId: upstream.requestId,
        detail: differences.length
          ? `Flex stored differently: ${differences.map((d) => d.path).join(', ')}`
          : undefined,
      });
      return {
        ok: true,
        customer: saved,
        changed: fields,
        differences,
        message: savedMessage(differences),
        auditId: pendingId,
      };
    } catch (e) {
      if (!(e instanceof FlexError)) {
        await complete('unknown', { detail: 'internal error during save' });
        throw e;
      }
      // A definite refusal by Flex: nothing was applied.
      if (
        e.kind === 'http' &&
        e.status !== undefined &&
        e.status < 500 &&
        e.status !== 429 &&
        e.status !== 408
      ) {
        await complete(e.status === 400 ? 'rejected' : 'upstream_error', {
          status: e.status,
          requestId: e.requestId,
          detail: e.message.slice(0, 300),
        });
        if (e.status === 400) {
          const field = formFieldOf(e.param);
          return field
            ? {
                ok: false,
                kind: 'invalid',
                message: 'Flex did not accept a value.',
                fieldErrors: { [field]: [e.message] },
              }
            : {
                ok: false,
                kind: 'invalid',
                message: `Flex did not accept the change: ${e.message}`,
                fieldErrors: { form: [e.message] },
              };
        }
        return failureResult(e);
      }
      if (!e.maybeReachedFlex || e.status === 429) {
        await complete('upstream_error', {
          status: e.status,
          requestId: e.requestId,
          detail: e.message.slice(0, 300),
        });
        return failureResult(e);
      }
      // 6. The outcome is unknown (timeout, broken connection, 5xx): read the customer again to find out.
      let after: Customer | undefined;
      try {
        after = await ctx.flex.getCustomer(id);
      } catch {
        after = undefined;
      }
      const state = after ? appliedState(editableFields(after), original, patch) : 'unclear';
      if (state === 'applied' && after) {
        const differences = postSaveDifferences(patch, editableFields(after));
        await complete('success', {
          status: e.status,
          requestId: e.requestId,
          detail: `outcome first unknown (${e.kind}); re-read shows the change applied`,
        });
        return {
          ok: true,
          customer: after,
          changed: fields,
          differences,
          recovered: true,
          auditId: pendingId,
          message:
            'The connection to Flex broke, but reading the customer again shows your change was saved.',
        };
      }
      // Flex answered (an error status or an unreadable body): the request is over, so "not there" is final.
      const answered = e.kind === 'http' || e.kind === 'bad_response';
      if (state === 'not_applied' && answered) {
        await complete('upstream_error', {
          status: e.status,
          requestId: e.requestId,
          detail: `${e.kind}; re-read shows the change was not applied`,
        });
        const d = describeFailure({ kind: e.kind, status: e.status, retryAfter: e.retryAfter });
        return {
          ok: false,
          kind: 'upstream',
          message: `${d.detail} Your change was not saved; your edits are still here.`,
          canRetry: true,
          applied: false,
        };
      }
      if (state === 'not_applied') {
        // No answer: the request may still be in flight at Flex, so it is not safe to call it failed.
        await complete('unknown', {
          status: e.status,
          requestId: e.requestId,
          detail: `${e.kind}; re-read shows the change not applied yet`,
        });
        return {
          ok: false,
          kind: 'upstream',
          canRetry: true,
          applied: null,
          message: `${e.kind === 'timeout' ? 'Flex did not answer in time' : 'The connection to Flex broke'}. Reading the customer back shows your change is not there yet, but it may still arrive. Your edits are still here; trying again is safe: if it did arrive you will be shown the difference.`,
        };
      }
      await complete('unknown', {
        status: e.status,
        requestId: e.requestId,
        detail: `${e.kind}; could not tell whether the change was applied`,
      });
      return {
        ok: false,
        kind: 'upstream',
        canRetry: true,
        applied: null,
        message:
          'Flex did not confirm the save, and we could not tell whether it was applied. Reload the customer to check before saving again.',
      };
    }
  });
}

/** Writes to one customer are serialised across every server (a PostgreSQL advisory lock, lib/db/lock.ts). */
function withCustomerLock(id: string, fn: () => Promise<SaveResult>): Promise<SaveResult> {
  return withAdvisoryLock(`customer:${id}`, fn, () => ({
    ok: false,
    kind: 'upstream',
    canRetry: true,
    message: 'Another save to this customer is taking long. Nothing was sent; try again in a moment.',
  }));
}

function savedMessage(differences: { path: string; stored: unknown }[]): string {
  if (differences.length === 0) return 'Saved. Flex stored exactly what was sent.';
  return `Saved. ${differences.map((d) => `Flex stored ${d.path.replace('shipping.', '').replace('_', ' ')} as “${typeof d.stored === 'string' ? d.stored : JSON.stringify(d.stored)}”`).join('; ')}.`;
}

export function failureResult(e: unknown): SaveResult {
  if (!(e instanceof FlexError)) throw e;
  if (e.kind === 'invalid_id') return { ok: false, kind: 'not_found', message: 'Not a customer id.' };
  if (e.status === 404) return { ok: false, kind: 'not_found', message: 'This customer no longer exists.' };
  const d = describeFailure({ kind: e.kind, status: e.status, retryAfter: e.retryAfter });
  return { ok: false, kind: 'upstream', message: d.detail, canRetry: d.canRetry, retryAfter: e.retryAfter };
}
