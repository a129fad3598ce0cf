// Why a change is made: the reason list, optional detail and ticket reference asked for in the review
// dialog, checked the same way in the browser and in the save path. Stored with the audit row.
// No zod here: the review dialog checks a reason, and the page should not load zod for three strings.

export const EDIT_REASONS = [
  'customer_request',
  'carrier_correction',
  'data_cleanup',
  'security',
  'other',
] as const;
export type EditReasonCode = (typeof EDIT_REASONS)[number];

export const REASON_LABEL: Record<EditReasonCode, string> = {
  customer_request: 'Customer request',
  carrier_correction: 'Returned mail or carrier correction',
  data_cleanup: 'Data clean-up',
  security: 'Security or fraud',
  other: 'Other',
};

export type EditReason = { code: EditReasonCode | null; detail: string; ticket: string };
export type ReasonInput = { code: string; detail: string; ticket: string };
export const NO_REASON: ReasonInput = { code: '', detail: '', ticket: '' };

export const REASON_LIMITS = { detail: 500, ticket: 200 } as const;
const TICKET_ID = /^[A-Za-z0-9][A-Za-z0-9._#:/-]{0,63}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

type ReasonShape = { code: string; detail: string; ticket: string };

/** Three strings of sane length, or null. Hand-checked: this runs in the browser, where zod is not loaded. */
function shapeOf(input: unknown): ReasonShape | null {
  if (typeof input !== 'object' || input === null) return null;
  const { code, detail, ticket } = input as Record<string, unknown>;
  if (typeof code !== 'string' || typeof detail !== 'string' || typeof ticket !== 'string') return null;
  if (
    code.length > 40 ||
    detail.length > REASON_LIMITS.detail * 4 ||
    ticket.length > REASON_LIMITS.ticket * 4
  )
    return null;
  return { code, detail, ticket };
}

export function isReasonCode(v: unknown): v is EditReasonCode {
  return typeof v === 'string' && (EDIT_REASONS as readonly string[]).includes(v);
}

/** A ticket reference is an https link or a plain ticket id such as ZD-4821 or #4821. */
export function ticketHref(ticket: string): string | null {
  if (!/^https:\/\//i.test(ticket)) return null;
  try {
    const u = new URL(ticket);
    return u.protocol === 'https:' && u.hostname ? u.href : null;
  } catch {
    return null;
  }
}

export type ReasonCheck =
  | { ok: true; value: EditReason }
  | { ok: false; fieldErrors: Partial<Record<'reason.code' | 'reason.detail' | 'reason.ticket', string>> };

/** Checks a reason as typed. `required`: a reason from the list must be chosen. Never throws. */
export function checkReason(input: unknown, required: boolean): ReasonCheck {
  const parsed = shapeOf(input ?? NO_REASON);
  if (!parsed) return { ok: false, fieldErrors: { 'reason.code': 'Choose a reason from the list.' } };
  const code = parsed.code.trim();
  const detail = parsed.detail.trim();
  const ticket = parsed.ticket.trim();
  const errors: Extract<ReasonCheck, { ok: false }>['fieldErrors'] = {};
  if (code === '' && required) errors['reason.code'] = 'Choose why you are making this change.';
  else if (code !== '' && !isReasonCode(code)) errors['reason.code'] = 'Choose a reason from the list.';
  if (code === 'other' && detail === '')
    errors['reason.detail'] = 'Say in a few words why, when the reason is Other.';
  if (detail.length > REASON_LIMITS.detail)
    errors['reason.detail'] = `Detail is too long: at most ${REASON_LIMITS.detail} characters.`;
  else if (CONTROL.test(detail)) errors['reason.detail'] = 'Detail contains characters that are not allowed.';
  if (ticket !== '') {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ticket)) {
      if (!ticketHref(ticket)) errors['reason.ticket'] = 'A ticket link must be an https:// address.';
      else if (ticket.length > REASON_LIMITS.ticket)
        errors['reason.ticket'] = `The link is too long: at most ${REASON_LIMITS.ticket} characters.`;
    } else if (!TICKET_ID.test(ticket))
      errors['reason.ticket'] = 'Enter a ticket id (like ZD-4821) or an https:// link to the ticket.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { code: isReasonCode(code) ? code : null, detail, ticket } };
}
