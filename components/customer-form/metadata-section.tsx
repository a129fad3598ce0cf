'use client';
// The metadata part of the form: the editor, the legacy-value note, and the lock for roles that may not.
import { useFormContext, useWatch } from 'react-hook-form';
import { LockIcon } from '@/components/ui/lock-icon';
import type { CustomerFormInput } from '@/lib/customers/form-values';
import { lazyPart } from '@/components/ui/lazy-part';

// The metadata table's code follows the page: the server's rendering stands until it arrives (milliseconds).
const MetadataEditor = lazyPart(() => import('./metadata-editor').then((m) => m.MetadataEditor));

export function MetadataSection({
  editable,
  lockReason,
  edited,
  notice,
}: {
  editable: boolean;
  lockReason: string;
  edited: boolean;
  notice: string | undefined;
}) {
  const form = useFormContext<CustomerFormInput>();
  const value = useWatch<CustomerFormInput, 'metadata'>({ name: 'metadata' });
  const error = form.formState.errors.metadata?.message;
  return (
    <section className="rounded border border-line p-4" aria-label="Metadata section">
      <MetadataEditor
        value={value}
        onChange={(t) =>
          form.setValue('metadata', t, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })
        }
        error={error}
        edited={edited}
        readOnly={!editable}
      />
      {notice && !error && (
        <p className="mt-1 flex items-start gap-1 text-sm text-muted">
          <span aria-hidden="true">ⓘ</span> {notice}
        </p>
      )}
      {!editable && (
        <p className="mt-1 flex items-center gap-1 text-sm text-muted">
          <LockIcon /> {lockReason}
        </p>
      )}
    </section>
  );
}
