// A labelled field: the label is exactly its text; the edited marker, hint and error sit outside it.
import type { ReactNode } from 'react';
import { LockIcon } from './lock-icon';

export type FieldA11y = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

export function Field({
  id,
  label,
  error,
  edited,
  hint,
  notice,
  className = '',
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  edited?: boolean;
  hint?: string | undefined;
  /** A quiet note about the value (e.g. one Flex holds that today's rules would not accept). */
  notice?: string | undefined;
  className?: string;
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const describedBy =
    [hint ? `${id}-hint` : null, notice ? `${id}-notice` : null, error ? `${id}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <div className="flex items-center gap-1.5">
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        {edited && (
          <span className="text-xs font-semibold text-accent" title="Changed, not saved yet">
            ● <span className="sr-only">(edited)</span>
          </span>
        )}
      </div>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <span id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </span>
      )}
      {notice && !error && (
        <span id={`${id}-notice`} className="flex items-start gap-1 text-sm text-muted">
          <span aria-hidden="true">ⓘ</span>
          {notice}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="flex items-start gap-1 text-sm text-danger">
          <span aria-hidden="true">⚠</span>
          {error}
        </span>
      )}
    </div>
  );
}

/** A field the signed-in role may not change: shown plain, with a lock and the reason. */
export function LockedField({
  label,
  value,
  reason,
  className = '',
}: {
  label: string;
  value: ReactNode;
  reason: string;
  className?: string;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <span className="font-medium text-muted">{label}</span>
      <span className="flex items-center gap-1.5 py-1">
        <span className="break-words">{value || <span className="text-muted">None</span>}</span>
        <span
          tabIndex={0}
          role="img"
          title={reason}
          aria-label={`Locked: ${reason}`}
          className="cursor-help text-muted"
        >
          <LockIcon />
        </span>
      </span>
    </div>
  );
}

export const inputClass =
  'min-h-9 rounded border border-line bg-canvas px-2.5 py-1.5 aria-[invalid=true]:border-danger aria-[invalid=true]:bg-danger-soft';
export const buttonClass =
  'inline-flex min-h-8 items-center justify-center gap-1 rounded border border-line bg-surface px-3 py-1 font-medium disabled:cursor-not-allowed disabled:opacity-50';
export const primaryButtonClass =
  'inline-flex min-h-8 items-center justify-center gap-1 rounded bg-accent px-4 py-1.5 font-semibold text-canvas disabled:cursor-not-allowed disabled:opacity-50';
export const dangerButtonClass =
  'inline-flex min-h-8 items-center justify-center gap-1 rounded bg-danger px-4 py-1.5 font-semibold text-canvas disabled:cursor-not-allowed disabled:opacity-50';
