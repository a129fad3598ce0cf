'use client';
// The reason for a change, asked for in the review dialog: a reason from the list, optional detail, and
// an optional ticket reference (an https link or a ticket id).
import { Field, inputClass } from '@/components/ui/field';
import { EDIT_REASONS, REASON_LABEL, REASON_LIMITS, type ReasonInput } from '@/lib/customers/reason';

export type ReasonErrors = Partial<Record<'reason.code' | 'reason.detail' | 'reason.ticket', string>>;

export function ReasonFields({
  value,
  onChange,
  errors,
  required,
}: {
  value: ReasonInput;
  onChange: (next: ReasonInput) => void;
  errors: ReasonErrors;
  required: boolean;
}) {
  const set = (k: keyof ReasonInput) => (e: { target: { value: string } }) =>
    onChange({ ...value, [k]: e.target.value });
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <Field
        id="reason-code"
        label={required ? 'Reason' : 'Reason (optional)'}
        error={errors['reason.code']}
        className="md:col-span-1"
      >
        {(a11y) => (
          <select
            {...a11y}
            aria-required={required || undefined}
            className={inputClass}
            value={value.code}
            onChange={set('code')}
          >
            <option value="">Choose a reason…</option>
            {EDIT_REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABEL[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="reason-ticket"
        label="Ticket (optional)"
        error={errors['reason.ticket']}
        hint="A ticket id like ZD-4821, or an https:// link"
      >
        {(a11y) => (
          <input
            {...a11y}
            className={inputClass}
            value={value.ticket}
            onChange={set('ticket')}
            autoComplete="off"
            spellCheck={false}
            maxLength={REASON_LIMITS.ticket * 2}
          />
        )}
      </Field>
      <Field
        id="reason-detail"
        label={value.code === 'other' ? 'Detail' : 'Detail (optional)'}
        error={errors['reason.detail']}
        className="md:col-span-2"
      >
        {(a11y) => (
          <input
            {...a11y}
            className={inputClass}
            value={value.detail}
            onChange={set('detail')}
            autoComplete="off"
            maxLength={REASON_LIMITS.detail * 2}
          />
        )}
      </Field>
    </div>
  );
}
