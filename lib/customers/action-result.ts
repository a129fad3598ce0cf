// The one answer shape of every server action (and of the bulk upload route, which the page reads the same
// way): a value, or an expected failure with words a person can act on. Client-safe: forms and actions both
// import it. The sign-in form's action is React's useActionState reducer (its state is the form's: the error
// and the typed email) and sign-out redirects: neither answers a value.
import type { FieldConflict } from './conflict';
import type { FailureInfo } from './failure';
import type { Customer } from './types';

export type Failure =
  | { ok: false; kind: 'invalid'; message: string; fieldErrors: Record<string, string[]> }
  | { ok: false; kind: 'conflict'; message: string; conflicts: FieldConflict[]; current: Customer }
  | { ok: false; kind: 'forbidden' | 'unauthenticated'; message: string; fields?: string[] }
  | { ok: false; kind: 'not_found'; message: string }
  /** Understood, but the thing's state does not allow it now (a run already ended, a walk already running). */
  | { ok: false; kind: 'refused'; message: string }
  | {
      ok: false;
      kind: 'upstream';
      message: string;
      canRetry: boolean;
      retryAfter?: number | undefined;
      /** After an unknown outcome: false = certainly not applied, null = could not tell. */
      applied?: false | null;
      /** What Flex answered, for a page that shows the whole problem (title and words). */
      flex?: FailureInfo;
    };

export type ActionResult<T> = { ok: true; value: T } | Failure;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function invalid(message: string, fieldErrors: Record<string, string[]> = {}): Failure {
  return { ok: false, kind: 'invalid', message, fieldErrors };
}

export function notFound(message: string): Failure {
  return { ok: false, kind: 'not_found', message };
}

export function forbidden(message: string, fields?: string[]): Failure {
  return fields
    ? { ok: false, kind: 'forbidden', message, fields }
    : { ok: false, kind: 'forbidden', message };
}

export function refused(message: string): Failure {
  return { ok: false, kind: 'refused', message };
}
