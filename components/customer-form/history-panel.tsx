'use client';
// History beside the form: the rows this page's saves wrote, newest first, above the list the server rendered
// with the page (one list). The code that renders full rows in the browser is fetched once the page is up
// (it is not in the first load); until it is there a new row shows plainly, its Revert button included, so
// the newest row is always on top and never an older one's button in its place.
import { useEffect, useState, type ReactNode } from 'react';
import { revertable, type HistoryEntry } from '@/lib/customers/history';
import { HistoryActionsContext, RevertButton, type HistoryActions } from './history-actions';
import type { HistoryItems } from './history-items';

type Items = typeof HistoryItems;

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
  const [Items, setItems] = useState<Items | null>(null);
  useEffect(() => {
    let live = true;
    import('./history-items').then(
      (m) => live && setItems(() => m.HistoryItems),
      () => undefined, // the plain rows stay
    );
    return () => {
      live = false;
    };
  }, []);
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
            {Items ? <Items entries={added} /> : added.map((e) => <PlainRow key={e.id} entry={e} />)}
            {serverView}
          </ol>
        )}
      </HistoryActionsContext>
    </section>
  );
}

function PlainRow({ entry: e }: { entry: HistoryEntry }) {
  return (
    <li className="text-sm" aria-label={`Change ${e.id}`}>
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-medium">{e.actorEmail ?? 'unknown'}</span>
        <span className="text-muted">#{e.id}</span>
        {revertable(e) && <RevertButton entry={e} />}
      </div>
    </li>
  );
}
