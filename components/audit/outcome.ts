// The one word shown for an audit entry's outcome, on /audit, in its CSV export and in a customer's History.
// The same stored outcome means different things per action ("success" of a sign-in is not a save), so the
// word depends on both. Pure and client-safe: the History panel runs in the browser.
import type { BadgeTone } from '@/components/ui/tone';
import type { AuditAction, Outcome } from '@/lib/shared/audit-words';

/** The badge tone an outcome is shown in. */
export type OutcomeTone = BadgeTone;
export type OutcomeWord = { text: string; tone: OutcomeTone };

type Words = Partial<Record<Outcome, string>>;

// What a customer write's outcome means, whichever path (edit, revert, bulk) recorded it.
const CUSTOMER_WRITE: Words = {
  pending: 'In progress / no answer yet',
  success: 'Saved',
  rejected: 'Refused by Flex: not saved',
  conflict: 'Conflict: not saved',
  upstream_error: 'Flex error: not saved',
  unknown: 'Unknown: check Flex',
};

// A Record over every action, so a new action fails the type check until someone chooses its words.
const BY_ACTION: Record<AuditAction, Words> = {
  'customer.update': CUSTOMER_WRITE,
  'customer.update.denied': { rejected: 'Not allowed: not saved' },
  'access.denied': { rejected: 'Denied' },
  'auth.sign_in': { success: 'Signed in' },
  'auth.sign_in_failed': { rejected: 'Refused' },
  'auth.sign_out': { success: 'Signed out' },
  'auth.sso_sign_in': { success: 'Signed in with SSO' },
  'auth.sso_failed': { rejected: 'SSO refused' },
  'auth.break_glass_sign_in': { success: 'Break-glass sign-in' },
  'staff.create': { success: 'Added' },
  'staff.role_change': { success: 'Role changed' },
  'staff.disable': { success: 'Disabled' },
  'staff.enable': { success: 'Enabled' },
  'staff.password_reset': { success: 'Password reset' },
  'staff.role_from_groups': { success: 'Role from groups' },
  'bulk.confirm': { success: 'Run confirmed', rejected: 'Refused' },
  'bulk.pause': { success: 'Run paused', rejected: 'Refused' },
  'bulk.resume': { success: 'Run resumed', rejected: 'Refused' },
  'bulk.cancel': { success: 'Run cancelled', rejected: 'Refused' },
  'bulk.retry': { success: 'Retry planned', rejected: 'Refused' },
  'bulk.undo': { success: 'Undo planned', rejected: 'Refused' },
};

// A failed sign-in's detail says why (app/login/actions.ts); the reason is the useful word at a glance.
const SIGN_IN_REFUSAL = new Map([
  ['wrong password', 'Wrong password'],
  ['unknown email', 'Unknown email'],
  ['account disabled', 'Account disabled'],
  ['throttled', 'Too many attempts'],
  ['passwords are break-glass only', 'Password not allowed'],
  ['passwords are off', 'Password not allowed'],
]);

// For rows whose action this build does not know (written by a newer or older version).
const FALLBACK: Record<Outcome, string> = {
  pending: 'No answer yet',
  success: 'Done',
  rejected: 'Refused',
  conflict: 'Conflict',
  upstream_error: 'Flex error',
  unknown: 'Outcome unknown',
};

const TONE: Record<Outcome, OutcomeTone> = {
  pending: 'warning',
  success: 'success',
  rejected: 'danger',
  conflict: 'warning',
  upstream_error: 'danger',
  unknown: 'warning',
};

// Own keys only: a stored string such as "constructor" must not pick up an Object.prototype member.
const has = <T extends object>(o: T, k: PropertyKey): k is keyof T =>
  Object.prototype.hasOwnProperty.call(o, k);

export function outcomeWord(entry: { action: string; outcome: string; detail?: string | null }): OutcomeWord {
  const { action, outcome, detail } = entry;
  if (!has(TONE, outcome)) return { text: outcome || 'Outcome unknown', tone: 'neutral' };
  const tone = TONE[outcome];
  const refusal = action === 'auth.sign_in_failed' && detail ? SIGN_IN_REFUSAL.get(detail) : undefined;
  if (refusal) return { text: refusal, tone };
  const words: Words | undefined = has(BY_ACTION, action)
    ? BY_ACTION[action]
    : // A customer write under a name this build does not list (a revert, a bulk row) reads like a save.
      action.startsWith('customer.') && !action.endsWith('.denied')
      ? CUSTOMER_WRITE
      : undefined;
  return { text: words?.[outcome] ?? FALLBACK[outcome], tone };
}
