// Whether a change landed in Flex: the one place that decides it. After a PATCH that failed, after a server
// stopped between its pending row and the answer, and when a bulk row left `sending` is taken up again,
// the question is the same: does Flex hold the change, the values it was made against, or neither?
import 'server-only';
import type { Outcome } from '@/lib/audit/audit';
import { changedFields, sameField, type CustomerPatch } from '@/lib/customers/patch';
import type { CustomerFields } from '@/lib/customers/types';
import type { FlexError } from '@/lib/flex/errors';

/** What Flex holds now, for every field of the change: all the new values, all the old ones, or neither. */
export type Landing = 'landed' | 'not_landed' | 'unclear';

export function landingOf(current: CustomerFields, base: CustomerPatch, patch: CustomerPatch): Landing {
  const fields = changedFields(patch);
  const target = { ...current, ...patch } as CustomerFields;
  const before = { ...current, ...base } as CustomerFields;
  if (fields.every((f) => sameField(f, current, target))) return 'landed';
  if (fields.every((f) => sameField(f, current, before))) return 'not_landed';
  return 'unclear';
}

/**
 * What a failed PATCH says by itself. `refused`: Flex answered with a definite refusal (nothing applied).
 * `not_sent`: the request never reached Flex, or Flex turned it away for the rate. `ask_flex`: it may
 * have been applied, so the customer must be read again.
 */
export function failureSays(e: FlexError): 'refused' | 'not_sent' | 'ask_flex' {
  const s = e.status;
  if (e.kind === 'http' && s !== undefined && s < 500 && s !== 429 && s !== 408) return 'refused';
  if (!e.maybeReachedFlex || s === 429) return 'not_sent';
  return 'ask_flex';
}

export type Verdict = {
  /** true: in Flex; false: certainly not; null: cannot tell (it may still arrive). */
  landed: boolean | null;
  audit: Outcome;
  detail: string;
};

/** After a PATCH with no clear answer, what re-reading the customer (`landing`, or unreadable) means. */
export function verdictAfterReread(e: FlexError, landing: Landing | 'unreadable'): Verdict {
  if (landing === 'landed')
    return {
      landed: true,
      audit: 'success',
      detail: `outcome first unknown (${e.kind}); re-read shows the change applied`,
    };
  // Flex answered (an error status or an unreadable body): the request is over, so "not there" is final.
  const answered = e.kind === 'http' || e.kind === 'bad_response';
  if (landing === 'not_landed' && answered)
    return {
      landed: false,
      audit: 'upstream_error',
      detail: `${e.kind}; re-read shows the change was not applied`,
    };
  // No answer: the request may still be in flight at Flex, so it is not safe to call it failed.
  if (landing === 'not_landed')
    return { landed: null, audit: 'unknown', detail: `${e.kind}; re-read shows the change not applied yet` };
  return {
    landed: null,
    audit: 'unknown',
    detail: `${e.kind}; could not tell whether the change was applied`,
  };
}

/** A pending row whose server stopped before Flex answered, judged by what Flex holds now. */
export function verdictOfOrphan(landing: Landing): Verdict {
  if (landing === 'landed')
    return { landed: true, audit: 'success', detail: 'Flex shows the change applied' };
  if (landing === 'not_landed')
    return { landed: null, audit: 'unknown', detail: 'Flex does not show the change (it may still arrive)' };
  return { landed: null, audit: 'unknown', detail: 'Flex shows other values' };
}
