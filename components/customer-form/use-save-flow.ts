'use client';
// The save, review, revert and undo flow of the edit page: opens the review, sends through the page's
// actions, and reads the answer back into the form, the notices and History.
import { useCallback, useEffect, useReducer, type RefObject } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { revertChange, saveCustomer } from '@/app/customers/[id]/actions';
import type { Failure } from '@/lib/customers/action-result';
import type { AuditEntry } from '@/lib/customers/history';
import { inverseOf } from '@/lib/customers/inverse';
import { buildPatch, changedFields } from '@/lib/customers/patch';
import { checkReason } from '@/lib/customers/reason';
import type { SaveResult, Saved } from '@/lib/customers/save-result';
import type { CustomerFormInput } from '@/lib/customers/form-values';
import { editableFields, type Customer, type CustomerFields } from '@/lib/customers/types';
import { FIELD_LABEL, showValue } from './display';
import type { ReasonErrors } from './reason-fields';
import { INITIAL_SAVE_STATE, saveReducer, type Review, type SaveAction } from './save-state';

const UNDO_MS = 10_000;
type Form = UseFormReturn<CustomerFormInput, unknown, CustomerFields>;

export type SaveFlowDeps = {
  id: string;
  form: Form;
  /** The customer the form was loaded from, current even inside handlers made before a change. */
  baseRef: RefObject<Customer>;
  /** The form now stands on this customer (after a save, or a conflict resolved). */
  rebase: (c: Customer) => void;
  /** Flex answered with this customer (a revert's conflict shows what Flex holds now). */
  seen: (c: Customer) => void;
  reasonRequired: boolean;
  onHistory: (entry: AuditEntry | null) => void;
  focusNotices: () => void;
};

export function useSaveFlow(d: SaveFlowDeps) {
  const [state, dispatch] = useReducer(saveReducer, INITIAL_SAVE_STATE);
  const { form, baseRef } = d;

  useEffect(() => {
    if (!state.notice?.undo) return;
    const t = setTimeout(() => dispatch({ type: 'expire', what: 'undo' }), UNDO_MS);
    return () => clearTimeout(t);
  }, [state.notice?.undo]);
  useEffect(() => {
    if (state.flash.length === 0) return;
    const t = setTimeout(() => dispatch({ type: 'expire', what: 'flash' }), 4000);
    return () => clearTimeout(t);
  }, [state.flash]);

  const openReview = useCallback(
    () =>
      form.handleSubmit(
        (parsed) => {
          const original = editableFields(baseRef.current);
          const patch = buildPatch(original, parsed);
          const fields = changedFields(patch);
          if (fields.length === 0) {
            const text = 'Nothing to save: every field is the same as in Flex.';
            dispatch({ type: 'notice', notice: { tone: 'warning', text } });
            return;
          }
          dispatch({ type: 'review', review: { mode: 'edit', original, patch, fields } });
        },
        () =>
          dispatch({
            type: 'notice',
            notice: { tone: 'danger', text: 'Some fields need fixing before saving.' },
          }),
      )(),
    [form, baseRef],
  );

  /** Revert (from History) or Undo (from the saved notice): the inverse change, reviewed like any edit. */
  const openRevert = useCallback(
    (entry: AuditEntry, mode: 'revert' | 'undo') => {
      const { fields, base, patch } = inverseOf(entry.changes ?? {});
      const original = { ...editableFields(baseRef.current), ...base } as CustomerFields;
      const reason =
        mode === 'undo'
          ? { code: entry.reasonCode ?? '', detail: 'Undo', ticket: entry.ticket ?? '' }
          : undefined;
      dispatch({ type: 'review', review: { mode, original, patch, fields, entry }, reason });
    },
    [baseRef],
  );

  const onSaved = useCallback(
    (v: Extract<Saved, { kind: 'saved' }>) => {
      d.rebase(v.customer);
      d.onHistory(v.entry);
      const returned = {
        customer: v.customer,
        changed: v.changed,
        differences: v.differences,
        at: v.entry.at,
      };
      const undo = v.changed.length > 0 ? v.entry : undefined;
      const toast = v.recovered ? 'Saved (confirmed by reading it back)' : 'Saved';
      dispatch({ type: 'saved', returned, notice: { tone: 'success', text: v.message, undo }, toast });
    },
    [d],
  );

  const onFailure = useCallback(
    (r: Failure, review: Review | null) => {
      d.onHistory(null); // the refusal or conflict has its own row in History
      if (r.kind === 'invalid') return showInvalid(form, dispatch, r.fieldErrors, r.message, review);
      if (r.kind === 'conflict') {
        if (review && review.mode !== 'edit') {
          // A revert never overwrites a later change: say which fields moved, send nothing.
          const moved = r.conflicts
            .map(
              (c) =>
                `${FIELD_LABEL[c.field]} was changed after that change (it is now “${showValue(c.field, c.theirs).replace(/\n/g, ', ')}”).`,
            )
            .join(' ');
          dispatch({
            type: 'notice',
            notice: { tone: 'warning', text: `Not reverted: nothing was sent. ${moved}` },
          });
          d.seen(r.current);
          return;
        }
        dispatch({
          type: 'conflict',
          conflict: { conflicts: r.conflicts, current: r.current },
          message: r.message,
        });
        return;
      }
      const retry = r.kind === 'upstream' ? r.canRetry : false;
      dispatch({ type: 'notice', notice: { tone: 'danger', text: r.message, retry } });
    },
    [d, form],
  );

  const send = useCallback(async () => {
    const review = state.review ?? state.lastReview;
    const checked = checkReason(state.reason, d.reasonRequired);
    if (!checked.ok) {
      dispatch({ type: 'reason-refused', errors: checked.fieldErrors, reopen: false });
      return;
    }
    dispatch({ type: 'sending', review });
    try {
      const reason = state.reason;
      const r: SaveResult =
        review && review.mode !== 'edit' && review.entry
          ? await revertChange({ id: d.id, auditId: review.entry.id, mode: review.mode, reason })
          : await saveCustomer({
              id: d.id,
              original: editableFields(baseRef.current),
              values: form.getValues(),
              reason,
            });
      if (!r.ok) onFailure(r, review);
      else if (r.value.kind === 'unchanged')
        dispatch({ type: 'notice', notice: { tone: 'warning', text: r.value.message } });
      else onSaved(r.value);
    } catch {
      const text = 'The Customer Desk server could not be reached. Your edits are still here; try again.';
      dispatch({ type: 'notice', notice: { tone: 'danger', text, retry: true } });
    } finally {
      dispatch({ type: 'sent' });
      d.focusNotices();
    }
  }, [state.review, state.lastReview, state.reason, d, baseRef, form, onFailure, onSaved]);

  return { state, dispatch, openReview, openRevert, send };
}

/** Refused values: at their fields, focus on the first; a refused reason reopens the review. */
function showInvalid(
  form: Form,
  dispatch: (a: SaveAction) => void,
  fieldErrors: Record<string, string[]>,
  message: string,
  review: Review | null,
) {
  const reasonErrs = Object.fromEntries(
    Object.entries(fieldErrors)
      .filter(([p]) => p.startsWith('reason.'))
      .map(([p, m]) => [p, m[0]]),
  ) as ReasonErrors;
  if (Object.keys(reasonErrs).length > 0 && review) {
    // The reason was refused: back to the dialog, with what was typed.
    dispatch({ type: 'reason-refused', errors: reasonErrs, reopen: true });
    return;
  }
  const entries = Object.entries(fieldErrors).filter(([p]) => p !== 'form');
  for (const [path, messages] of entries)
    form.setError(path as FieldPath<CustomerFormInput>, { type: 'server', message: messages[0] });
  const formLevel = fieldErrors.form?.[0];
  const text = formLevel ? `Flex did not accept the change: ${formLevel}` : message;
  dispatch({ type: 'notice', notice: { tone: 'danger', text } });
  if (entries[0]) form.setFocus(entries[0][0] as FieldPath<CustomerFormInput>);
}
