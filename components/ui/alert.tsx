// A boxed message in one of the state tones. Danger is an alert (read out at once); the others are status.
// A box keeps the element and role it had when it was written by hand: `as` picks the element (a list of
// problems stays a <ul>), `role` overrides the tone's role, and role={null} renders none (a box that is
// not news, such as a note inside a panel). Other attributes (id, aria-*, data-*, tabIndex) pass through.
import type { HTMLAttributes, ReactNode } from 'react';
import { SOFT_FILL } from './tone';

export type Tone = 'success' | 'warning' | 'danger' | 'info';

const TONE_FRAME: Record<Tone, string> = {
  success: `border-success ${SOFT_FILL.success}`,
  warning: `border-warning ${SOFT_FILL.warning}`,
  danger: `border-danger ${SOFT_FILL.danger}`,
  info: 'border-line bg-surface',
};

const TONE_TEXT: Record<Tone, string> = {
  success: 'text-success',
  warning: 'text-warning',
  danger: 'text-danger',
  info: 'text-ink',
};

const PAD = {
  /** p-2: a one-line message among form parts. */
  sm: 'p-2',
  md: 'p-3',
  /** p-4: a panel with a heading and parts of its own. */
  lg: 'p-4',
  /** px-3 py-2: a line of text in a narrow form. */
  line: 'px-3 py-2',
} as const;

export function Alert({
  tone,
  children,
  className = '',
  role,
  as: Tag = 'div',
  pad = 'md',
  toneText = true,
  ...rest
}: {
  tone: Tone;
  children: ReactNode;
  className?: string;
  /** Overrides the role the tone implies (e.g. a danger box that is not news); null renders no role. */
  role?: 'alert' | 'status' | 'note' | null;
  as?: 'div' | 'p' | 'section' | 'ul';
  pad?: keyof typeof PAD;
  /** False: the text keeps the page's ink and only the frame is toned (a panel whose heading says it). */
  toneText?: boolean;
} & Omit<HTMLAttributes<HTMLElement>, 'role' | 'className' | 'children'>) {
  return (
    <Tag
      {...rest}
      role={role === null ? undefined : (role ?? (tone === 'danger' ? 'alert' : 'status'))}
      className={`rounded border ${PAD[pad]} ${TONE_FRAME[tone]} ${toneText ? TONE_TEXT[tone] : ''} ${className}`}
    >
      {children}
    </Tag>
  );
}
