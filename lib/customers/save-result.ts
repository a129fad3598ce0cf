// What a save answers the browser. Expected failures are values, each with words a person can act on.
import type { FieldConflict, StoredDifference } from './conflict';
import type { PatchField } from './patch';
import type { Customer } from './types';

export type SaveInput = {
  id: string;
  original: unknown; // CustomerFields the form was loaded with
  values: unknown; // CustomerFormInput as typed
  reason?: unknown; // ReasonInput as typed
};

export type SaveResult =
  | {
      ok: true;
      customer: Customer;
      changed: PatchField[];
      differences: StoredDifference[];
      message: string;
      /** True when the outcome was first unknown and re-reading showed the change applied. */
      recovered?: boolean;
      /** The audit entry of this change: what Undo and Revert take back. */
      auditId: number;
    }
  | { ok: true; customer: null; changed: []; differences: []; message: string }
  | {
      ok: false;
      kind: 'invalid';
      message: string;
      fieldErrors: Record<string, string[]>;
    }
  | { ok: false; kind: 'conflict'; message: string; conflicts: FieldConflict[]; current: Customer }
  | { ok: false; kind: 'forbidden' | 'unauthenticated'; message: string; fields?: PatchField[] }
  | { ok: false; kind: 'not_found'; message: string }
  | {
      ok: false;
      kind: 'upstream';
      message: string;
      canRetry: boolean;
      retryAfter?: number;
      /** After an unknown outcome: false = certainly not applied, null = could not tell. */
      applied?: false | null;
    };
