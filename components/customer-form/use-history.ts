'use client';
// The customer's History on the page: the server's list first, then each row this page's saves wrote, from
// the saves' own answers (a saved change, a refusal, a conflict, a failed PATCH): no second request.
import { useCallback, useRef, useState } from 'react';
import type { AuditEntry } from '@/lib/customers/history';

export function useHistory(initial: AuditEntry[]) {
  // null: the server's rendering is still the list.
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const known = useRef(initial);
  // The changes this page saved itself (from the saves' own answers; History also lists a colleague's
  // pending row, which must not count).
  const own = useRef(new Set<number>());
  const add = useCallback((entry: AuditEntry) => {
    own.current.add(entry.id);
    setEntries((list) => {
      const next = [entry, ...(list ?? known.current).filter((e) => e.id !== entry.id)];
      known.current = next;
      return next;
    });
  }, []);
  /** Whether this page made this change itself (and holds Flex's answer to it). */
  const mine = useCallback((id: number) => own.current.has(id), []);
  return { entries, add, mine };
}
