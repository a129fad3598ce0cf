// The words of the save path's answers: each expected failure as a value a person can act on.
import 'server-only';
import { invalid, notFound, type Failure } from '@/lib/customers/action-result';
import type { StoredDifference } from '@/lib/customers/conflict';
import { describeFailure, flexFailure } from '@/lib/customers/failure';
import { FIELD_LABEL } from '@/lib/customers/labels';
import { PATCH_FIELDS, type PatchField } from '@/lib/customers/patch';
import { FlexError } from '@/lib/flex/errors';

export const UNEXPECTED: Failure = invalid('The form sent something unexpected. Reload the page.');
export const NOT_A_CUSTOMER_ID: Failure = notFound('Not a customer id.');

export const LOCK_BUSY: Failure = {
  ok: false,
  kind: 'upstream',
  canRetry: true,
  message: 'Another save to this customer is taking long. Nothing was sent; try again in a moment.',
};

export function roleCannotChange(denied: PatchField[]): Failure {
  return {
    ok: false,
    kind: 'forbidden',
    message: `Your role cannot change: ${denied.map((f) => FIELD_LABEL[f]).join(', ')}.`,
    fields: denied,
  };
}

/** Schema problems (path → message) as the form's field errors. */
export function fieldErrorsOf(problems: { path: string; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[p.path || 'form'] ??= []).push(p.message);
  return out;
}

/** Flex's `param` (customer.shipping.city) → the form's field name (shipping.city). */
export function formFieldOf(param: string | undefined): string | undefined {
  if (!param?.startsWith('customer.')) return undefined;
  const path = param.slice('customer.'.length);
  const top = path.split('.')[0] as PatchField;
  return PATCH_FIELDS.includes(top) ? path : undefined;
}

/** Flex refused a value (400): at its field when Flex names one. */
export function flexRefusedValue(e: FlexError): Failure {
  const field = formFieldOf(e.param);
  return field
    ? invalid('Flex did not accept a value.', { [field]: [e.message] })
    : invalid(`Flex did not accept the change: ${e.message}`, { form: [e.message] });
}

/** A failed Flex call in words; anything but a FlexError is a defect and is thrown on. */
export function failureResult(e: unknown): Failure {
  if (!(e instanceof FlexError)) throw e;
  if (e.kind === 'invalid_id') return NOT_A_CUSTOMER_ID;
  if (e.status === 404) return notFound('This customer no longer exists.');
  return flexFailure({ kind: e.kind, status: e.status, retryAfter: e.retryAfter });
}

/** After an unclear PATCH, re-reading did not show the change: whether it may still arrive. */
export function notLandedResult(e: FlexError, landed: false | null, notThereYet: boolean): Failure {
  if (landed === false) {
    const d = describeFailure({ kind: e.kind, status: e.status, retryAfter: e.retryAfter });
    return {
      ok: false,
      kind: 'upstream',
      message: `${d.detail} Your change was not saved; your edits are still here.`,
      canRetry: true,
      applied: false,
    };
  }
  if (notThereYet)
    return {
      ok: false,
      kind: 'upstream',
      canRetry: true,
      applied: null,
      message: `${e.kind === 'timeout' ? 'Flex did not answer in time' : 'The connection to Flex broke'}. Reading the customer back shows your change is not there yet, but it may still arrive. Your edits are still here; trying again is safe: if it did arrive you will be shown the difference.`,
    };
  return {
    ok: false,
    kind: 'upstream',
    canRetry: true,
    applied: null,
    message:
      'Flex did not confirm the save, and we could not tell whether it was applied. Reload the customer to check before saving again.',
  };
}

export function savedMessage(differences: StoredDifference[], recovered: boolean): string {
  if (recovered)
    return 'The connection to Flex broke, but reading the customer again shows your change was saved.';
  if (differences.length === 0) return 'Saved. Flex stored exactly what was sent.';
  return `Saved. ${differences.map((d) => `Flex stored ${d.path.replace('shipping.', '').replace('_', ' ')} as “${typeof d.stored === 'string' ? d.stored : JSON.stringify(d.stored)}”`).join('; ')}.`;
}
