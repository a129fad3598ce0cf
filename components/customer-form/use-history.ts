'use client';
// The rows this page's own saves wrote (a saved change, a refusal, a conflict, a failed PATCH), from the
// saves' answers: History shows them above the list the server rendered with the page. No second request.
import { useCallback, useRef, useState } from 'react';
import type { HistoryEntry } from '@/lib/customers/history';

export function useHistory() {
  const [added, setAdded] = useState<HistoryEntry[]>([]);
  // The changes this page saved itself (from the saves' own answers; History also lists a colleague's
  // pending row, which must not count).
  const own = useRef(new Set<number>());
  const add = useCallback((entry: HistoryEntry) => {
    own.current.add(entry.id);
    setAdded((list) => [entry, ...list.filter((e) => e.id !== entry.id)]);
  }, []);
  /** Whether this page made this change itself (and holds Flex's answer to it). */
  const mine = useCallback((id: number) => own.current.has(id), []);
  return { added, add, mine };
}
