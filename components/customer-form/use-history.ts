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
  const add = useCallback(
    (entry: AuditEntry | null) => {
      if (entry) {
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
  /** Whether History already lists this change (the page's own save, say). */
  const has = useCallback((id: number) => known.current.some((e) => e.id === id), []);
  return { entries, add, has };
}
