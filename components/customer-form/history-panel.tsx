'use client';
// History beside the form. The server's rendering stands until this page changes the list (a save, or a
// refusal read back); then the entries render here, with their code loaded at that moment.
import { lazyPart } from '@/components/ui/lazy-part';
import type { ReactNode } from 'react';
import type { AuditEntry } from '@/lib/customers/history';
import { HistoryActionsContext, type HistoryActions } from './history-actions';

const HistoryItems = lazyPart(() => import('./history-items').then((m) => m.HistoryItems));

export function HistoryPanel({
  serverView,
  entries,
  actions,
}: {
  /** The entries as the server rendered them with the page. */
  serverView: ReactNode;
  /** The entries once this page has changed them; null while the server's view is current. */
  entries: AuditEntry[] | null;
  actions: HistoryActions;
}) {
  return (
    <section aria-labelledby="history-title" className="rounded border border-line p-4">
      <h2 id="history-title" className="mb-2 font-semibold">
        History
      </h2>
      <HistoryActionsContext value={actions}>
        {entries ? <HistoryItems entries={entries} /> : serverView}
      </HistoryActionsContext>
    </section>
  );
}
