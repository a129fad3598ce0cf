// A small word in a state colour (an audit outcome): soft fill, toned text.
import type { ReactNode } from 'react';
import { BADGE_TONE_CLASS, type BadgeTone } from './tone';

export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <span className={`rounded px-1.5 py-0.5 text-sm ${BADGE_TONE_CLASS[tone]}`}>{children}</span>;
}
