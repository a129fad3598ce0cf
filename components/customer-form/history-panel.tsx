'use client';
// History beside the form: the rows this page's saves wrote, newest first, above the list the server rendered
// with the page (one list). The code that renders rows in the browser loads with the first such row.
import { lazyPart } from '@/components/ui/lazy-part';
import type { ReactNode } from 'react';
import type { HistoryEntry } from '@/lib/customers/history';
import { HistoryActionsContext, type HistoryActions } from './history-actions';

const HistoryItems = lazyPart(() => import('./history-items').then((m) => m.HistoryItems));

export function HistoryPanel({
  serverView,
  serverCount,
  added,
  actions,
}: {
  /** The entries as the server rendered them with the page (list items). */
  serverView: ReactNode;
  serverCount: number;
  /** The rows this page's saves wrote since. */
  added: HistoryEntry[];
  actions: HistoryActions;
}) {
  return (
    <section aria-labelledby="history-title" className="rounded border border-line p-4">
      <h2 id="history-title" className="mb-2 font-semibold">
        History
      </h2>
      <HistoryActionsContext value={actions}>
        {serverCount + added.length === 0 ? (
          <p className="text-sm text-muted">No changes made through the Customer Desk yet.</p>
        ) : (
          <ol className="space-y-3">
            {added.length > 0 && <HistoryItems entries={added} />}
            {serverView}
          </ol>
        )}
      </HistoryActionsContext>
    </section>
  );
}
