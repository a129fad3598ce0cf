// A boxed message in one of the state tones. Danger is an alert (read out at once); the others are status.
import type { ReactNode } from 'react';

export type Tone = 'success' | 'warning' | 'danger' | 'info';

const TONE_CLASS: Record<Tone, string> = {
  success: 'border-success bg-success-soft text-success',
  warning: 'border-warning bg-warning-soft text-warning',
  danger: 'border-danger bg-danger-soft text-danger',
  info: 'border-line bg-surface text-ink',
};

export function Alert({
  tone,
  children,
  className = '',
  role,
}: {
  tone: Tone;
  children: ReactNode;
  className?: string;
  /** Overrides the role the tone implies (e.g. a danger box that is not news). */
  role?: 'alert' | 'status' | 'note';
}) {
  return (
    <div
      role={role ?? (tone === 'danger' ? 'alert' : 'status')}
      className={`rounded border p-3 ${TONE_CLASS[tone]} ${className}`}
    >
      {children}
    </div>
  );
}
