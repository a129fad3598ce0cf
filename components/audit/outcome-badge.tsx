// An audit entry's outcome as a small badge in its state colour, the same on /audit and in History.
import { Badge } from '@/components/ui/badge';
import { outcomeWord } from './outcome';

export function OutcomeBadge({
  entry,
}: {
  entry: { action: string; outcome: string; detail?: string | null };
}) {
  const { text, tone } = outcomeWord(entry);
  return <Badge tone={tone}>{text}</Badge>;
}
