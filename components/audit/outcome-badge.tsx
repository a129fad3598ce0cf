// An audit entry's outcome as a small badge in its state colour, the same on /audit and in History.
import { OUTCOME_TONE_CLASS, outcomeWord } from './outcome';

export function OutcomeBadge({
  entry,
}: {
  entry: { action: string; outcome: string; detail?: string | null };
}) {
  const { text, tone } = outcomeWord(entry);
  return <span className={`rounded px-1.5 py-0.5 text-sm ${OUTCOME_TONE_CLASS[tone]}`}>{text}</span>;
}
