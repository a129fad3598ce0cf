// The edit page's save, review, revert and undo state as one reducer: every transition in one place.
import type { FieldConflict } from '@/lib/customers/conflict';
import type { HistoryEntry } from '@/lib/customers/history';
import type { CustomerPatch, PatchField } from '@/lib/customers/patch';
import type { ReasonInput } from '@/lib/customers/reason';
import type { Customer, CustomerFields } from '@/lib/customers/types';
import type { Choice } from './conflict-panel';
import type { ReasonErrors } from './reason-fields';
import type { Returned } from './returned-panel';
import type { ReviewMode } from './review-dialog';

const NO_REASON: ReasonInput = { code: '', detail: '', ticket: '' };

export type Notice = {
  tone: 'success' | 'danger' | 'warning';
  text: string;
  retry?: boolean;
  /** The saved change that "Undo" takes back, for a short while after the save. */
  undo?: HistoryEntry | undefined;
} | null;

export type Review = {
  mode: ReviewMode;
  original: CustomerFields;
  patch: CustomerPatch;
  fields: PatchField[];
  /** For revert and undo: the History entry taken back. */
  entry?: HistoryEntry;
};

export type SaveState = {
  review: Review | null;
  /** The review last confirmed: its mode decides how the answer reads; a refused reason reopens it. */
  lastReview: Review | null;
  reason: ReasonInput;
  reasonErrors: ReasonErrors;
  saving: boolean;
  conflict: { conflicts: FieldConflict[]; current: Customer } | null;
  choices: Partial<Record<string, Choice>>;
  notice: Notice;
  toast: string | null;
  returned: Returned;
  /** Fields just saved, marked for a moment. */
  flash: PatchField[];
};

export const INITIAL_SAVE_STATE: SaveState = {
  review: null,
  lastReview: null,
  reason: NO_REASON,
  reasonErrors: {},
  saving: false,
  conflict: null,
  choices: {},
  notice: null,
  toast: null,
  returned: null,
  flash: [],
};

export type SaveAction =
  | { type: 'review'; review: Review; reason?: ReasonInput }
  | { type: 'close-review' }
  | { type: 'reason'; reason: ReasonInput }
  | { type: 'reason-refused'; errors: ReasonErrors; reopen: boolean }
  | { type: 'sending'; review: Review | null }
  | { type: 'sent' }
  | { type: 'notice'; notice: Notice }
  | { type: 'saved'; returned: NonNullable<Returned>; notice: Notice; toast: string }
  | { type: 'conflict'; conflict: NonNullable<SaveState['conflict']>; message: string }
  | { type: 'choose'; field: string; choice: Choice }
  | { type: 'conflict-done' }
  | { type: 'expire'; what: 'undo' | 'toast' | 'flash' };

export function saveReducer(s: SaveState, a: SaveAction): SaveState {
  switch (a.type) {
    case 'review':
      return { ...s, review: a.review, reason: a.reason ?? s.reason, reasonErrors: {}, notice: null };
    case 'close-review':
      return { ...s, review: null };
    case 'reason':
      return { ...s, reason: a.reason, reasonErrors: {} };
    case 'reason-refused':
      return { ...s, reasonErrors: a.errors, review: a.reopen ? s.lastReview : s.review };
    case 'sending':
      return { ...s, lastReview: a.review, review: null, saving: true, notice: null };
    case 'sent':
      return { ...s, saving: false };
    case 'notice':
      return { ...s, notice: a.notice };
    case 'saved':
      return {
        ...s,
        returned: a.returned,
        flash: a.returned.changed,
        conflict: null,
        notice: a.notice,
        reason: NO_REASON,
        reasonErrors: {},
        toast: a.toast,
      };
    case 'conflict':
      return { ...s, conflict: a.conflict, choices: {}, notice: { tone: 'warning', text: a.message } };
    case 'choose':
      return { ...s, choices: { ...s.choices, [a.field]: a.choice } };
    case 'conflict-done':
      return { ...s, conflict: null, notice: null };
    case 'expire':
      if (a.what === 'toast') return { ...s, toast: null };
      if (a.what === 'flash') return { ...s, flash: [] };
      return s.notice?.undo ? { ...s, notice: { ...s.notice, undo: undefined } } : s;
  }
}
