'use client';
// The save, review, revert and undo flow of the edit page: opens the review, sends through the page's
// actions, and reads the answer back into the form, the notices and History.
import { useCallback, useEffect, useReducer, type RefObject } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { revertChange, saveCustomer } from '@/app/customers/[id]/actions';
import type { HistoryEntry } from '@/lib/customers/history';
import { inverseOf } from '@/lib/customers/inverse';
import { buildPatch, changedFields } from '@/lib/customers/patch';
import type { SaveResult } from '@/lib/customers/save-result';
import type { CustomerFormInput } from '@/lib/customers/form-values';
import { editableFields, type Customer, type CustomerFields } from '@/lib/customers/types';
import { INITIAL_SAVE_STATE, saveReducer } from './save-state';

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
  onHistory: (entry: HistoryEntry) => void;
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
    (entry: HistoryEntry, mode: 'revert' | 'undo') => {
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

  const send = useCallback(async () => {
    const review = state.review ?? state.lastReview;
    // The reason check and the reading of the answer load with the first save, not with the page.
    const [{ checkReason }, { readAnswer }] = await Promise.all([
      import('@/lib/customers/reason'),
      import('./read-answer'),
    ]);
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
      readAnswer(r, review, { ...d, form, dispatch });
    } catch {
      const text = 'The Customer Desk server could not be reached. Your edits are still here; try again.';
      dispatch({ type: 'notice', notice: { tone: 'danger', text, retry: true } });
    } finally {
      dispatch({ type: 'sent' });
      d.focusNotices();
    }
  }, [state.review, state.lastReview, state.reason, d, baseRef, form]);

  return { state, dispatch, openReview, openRevert, send };
}
