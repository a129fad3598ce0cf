'use client';
// The customer's History on the page: the server's list first, then each saved change from the save's
// own answer. A refusal or conflict writes rows the answer does not carry: then the list is read again.
import { useCallback, useRef, useState } from 'react';
import { fetchHistory } from '@/app/customers/[id]/actions';
import type { AuditEntry } from '@/lib/customers/history';

export function useHistory(customerId: string, initial: AuditEntry[]) {
  // null: the server's rendering is still the list.
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const known = useRef(initial);
  // The changes this page saved itself (from the saves' own answers; History also lists a colleague's
  // pending row, which must not count).
  const own = useRef(new Set<number>());
  const add = useCallback(
    (entry: AuditEntry | null) => {
      if (entry) {
        own.current.add(entry.id);
        setEntries((list) => {
          const next = [entry, ...(list ?? known.current).filter((e) => e.id !== entry.id)];
          known.current = next;
          return next;
        });
        return;
      }
      void fetchHistory(customerId)
        .then((r) => {
          if (!r.ok) return;
          known.current = r.value;
          setEntries(r.value);
        })
        .catch(() => undefined); // History stays as it was; the next save or visit shows the rows
    },
    [customerId],
  );
  /** Whether this page made this change itself (and holds Flex's answer to it). */
  const mine = useCallback((id: number) => own.current.has(id), []);
  return { entries, add, mine };
}
