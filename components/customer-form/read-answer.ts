// Reading a save's answer back into the page: the form, the notices, History. Loaded with the first save.
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import type { HistoryEntry } from '@/lib/customers/history';
import type { CustomerFormInput } from '@/lib/customers/form-values';
import type { SaveFailure, SaveResult, Saved } from '@/lib/customers/save-result';
import type { Customer, CustomerFields } from '@/lib/customers/types';
import { FIELD_LABEL, showValue } from './display';
import type { ReasonErrors } from './reason-fields';
import type { Review, SaveAction } from './save-state';

type Form = UseFormReturn<CustomerFormInput, unknown, CustomerFields>;

export type AnswerDeps = {
  form: Form;
  dispatch: (a: SaveAction) => void;
  rebase: (c: Customer) => void;
  seen: (c: Customer) => void;
  onHistory: (entry: HistoryEntry) => void;
};

export function readAnswer(r: SaveResult, review: Review | null, d: AnswerDeps): void {
  if (!r.ok) onFailure(r, review, d);
  else if (r.value.kind === 'unchanged')
    d.dispatch({ type: 'notice', notice: { tone: 'warning', text: r.value.message } });
  else onSaved(r.value, d);
}

function onSaved(v: Extract<Saved, { kind: 'saved' }>, d: AnswerDeps) {
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
  d.dispatch({ type: 'saved', returned, notice: { tone: 'success', text: v.message, undo }, toast });
}

function onFailure(r: SaveFailure, review: Review | null, d: AnswerDeps) {
  if (r.entry) d.onHistory(r.entry); // the row this refusal, conflict or failed PATCH wrote
  if (r.kind === 'invalid') return showInvalid(d.form, d.dispatch, r.fieldErrors, r.message, review);
  if (r.kind === 'conflict') {
    if (review && review.mode !== 'edit') {
      // A revert never overwrites a later change: say which fields moved, send nothing.
      const moved = r.conflicts
        .map(
          (c) =>
            `${FIELD_LABEL[c.field]} was changed after that change (it is now “${showValue(c.field, c.theirs).replace(/\n/g, ', ')}”).`,
        )
        .join(' ');
      d.dispatch({
        type: 'notice',
        notice: { tone: 'warning', text: `Not reverted: nothing was sent. ${moved}` },
      });
      d.seen(r.current);
      return;
    }
    d.dispatch({
      type: 'conflict',
      conflict: { conflicts: r.conflicts, current: r.current },
      message: r.message,
    });
    return;
  }
  const retry = r.kind === 'upstream' ? r.canRetry : false;
  d.dispatch({ type: 'notice', notice: { tone: 'danger', text: r.message, retry } });
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
