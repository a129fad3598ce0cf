// What a save (an edit, a revert, an undo, a bulk row) answers: the saved change, or nothing to send, or
// one of the expected failures of ActionResult.
import type { Failure } from './action-result';
import type { StoredDifference } from './conflict';
import type { HistoryEntry } from './history';
import type { PatchField } from './patch';
import type { Customer } from './types';

export type SaveInput = {
  id: string;
  original: unknown; // CustomerFields the form was loaded with
  values: unknown; // CustomerFormInput as typed
  reason?: unknown; // ReasonInput as typed
};

export type Saved =
  | {
      kind: 'saved';
      /** The customer as Flex returned it. */
      customer: Customer;
      changed: PatchField[];
      differences: StoredDifference[];
      message: string;
      /** True when the outcome was first unknown and re-reading showed the change applied. */
      recovered: boolean;
      /** The audit entry of this change: what Undo and Revert take back. */
      auditId: number;
      /** The change as History shows it, so the page needs no second request to show it. */
      entry: HistoryEntry;
    }
  | { kind: 'unchanged'; message: string };

/**
 * A failure, with the History entry of the row it wrote when it wrote one (a refusal, a conflict, a PATCH
 * that failed or whose outcome is unknown): the page shows it without asking again. No entry: no row.
 */
export type SaveFailure = Failure & { entry?: HistoryEntry };

export type SaveResult = { ok: true; value: Saved } | SaveFailure;
