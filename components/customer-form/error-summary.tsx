'use client';
// The problems of the form, each a link that moves focus to its field.
import type { FieldErrors } from 'react-hook-form';
import type { CustomerFormInput } from '@/lib/customers/form-values';
import { FIELD_PATH_LABEL } from '@/lib/customers/labels';
import { Alert } from '@/components/ui/alert';

const TOP_PATHS = ['first_name', 'last_name', 'email', 'phone', 'employer', 'metadata'] as const;
const ADDRESS_PATHS = ['country', 'line1', 'line2', 'city', 'state', 'postal_code'] as const;

export function ErrorSummary({
  errors,
  onFocus,
}: {
  errors: FieldErrors<CustomerFormInput>;
  onFocus: (path: string) => void;
}) {
  const paths = [
    ...TOP_PATHS.filter((p) => errors[p]),
    ...ADDRESS_PATHS.filter((p) => errors.shipping?.[p]).map((p) => `shipping.${p}`),
  ];
  if (paths.length === 0) return null;
  return (
    <Alert tone="danger" role="alert" className="mb-2">
      <p className="font-semibold">
        {paths.length} {paths.length === 1 ? 'problem' : 'problems'}:{' '}
        {paths.map((p, i) => (
          <span key={p}>
            {i > 0 && ', '}
            <a
              href={`#field-${p}`}
              className="underline"
              onClick={(e) => {
                e.preventDefault();
                onFocus(p);
              }}
            >
              {FIELD_PATH_LABEL[p] ?? p}
            </a>
          </span>
        ))}
      </p>
    </Alert>
  );
}
