'use client';
// Contact fields: first and last name, email, phone (shown formatted, saved as E.164), employer.
import { useFormContext } from 'react-hook-form';
import { Field, LockedField, inputClass } from '@/components/ui/field';
import { FIELD_LABEL } from '@/lib/customers/labels';
import type { CustomerFormInput } from '@/lib/customers/schema';

const FIELDS = [
  ['first_name', FIELD_LABEL.first_name, 'text', 'given-name', ''],
  ['last_name', FIELD_LABEL.last_name, 'text', 'family-name', ''],
  ['email', FIELD_LABEL.email, 'email', 'off', 'md:col-span-2'],
  ['phone', FIELD_LABEL.phone, 'tel', 'off', ''],
  ['employer', FIELD_LABEL.employer, 'text', 'off', ''],
] as const;

export function ContactSection({
  editable,
  lockReason,
  edited,
  notice,
}: {
  editable: boolean;
  lockReason: string;
  edited: (path: string) => boolean;
  notice: (path: string) => string | undefined;
}) {
  const { register, formState, getValues } = useFormContext<CustomerFormInput>();
  return (
    <section aria-labelledby="contact-title" className="rounded border border-line p-4">
      <h2 id="contact-title" className="mb-3 font-semibold">
        Contact
      </h2>
      <div className="grid gap-3 md:grid-cols-2">
        {FIELDS.map(([name, label, type, autoComplete, span]) =>
          editable ? (
            <Field
              key={name}
              id={`field-${name}`}
              label={label}
              error={formState.errors[name]?.message}
              edited={edited(name)}
              notice={notice(name)}
              className={span}
            >
              {(a11y) => (
                <input
                  {...a11y}
                  type={type}
                  autoComplete={autoComplete}
                  spellCheck={false}
                  className={inputClass}
                  {...register(name)}
                />
              )}
            </Field>
          ) : (
            <LockedField
              key={name}
              label={label}
              value={getValues(name)}
              reason={lockReason}
              className={span}
            />
          ),
        )}
      </div>
    </section>
  );
}
