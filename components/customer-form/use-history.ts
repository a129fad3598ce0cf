'use client';
// The customer's History on the page: the server's list first, then each saved change from the save's
// own answer. A refusal or conflict writes rows the answer does not carry: then the list is read again.
import { useCallback, useState } from 'react';
import { fetchHistory } from '@/app/customers/[id]/actions';
import type { AuditEntry } from '@/lib/customers/history';

export function useHistory(customerId: string, initial: AuditEntry[]) {
  const [entries, setEntries] = useState(initial);
  const add = useCallback(
    (entry: AuditEntry | null) => {
      if (entry) {
        setEntries((list) => [entry, ...list.filter((e) => e.id !== entry.id)]);
        return;
      }
      void fetchHistory(customerId)
        .then((r) => r.ok && setEntries(r.value))
        .catch(() => undefined); // History stays as it was; the next save or visit shows the rows
    },
    [customerId],
  );
  return { entries, add };
}
