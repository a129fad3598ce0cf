'use client';
// What History's "Revert…" buttons need from the editor: which entries the person may revert, whether a
// revert can start now, and how to start one. A context, so History itself can render on the server.
import { createContext, useContext } from 'react';
import { buttonClass } from '@/components/ui/field';
import type { HistoryEntry } from '@/lib/customers/history';

export type HistoryActions = {
  canRevert: (entry: HistoryEntry) => boolean;
  /** Why no revert can start now (unsaved edits, a save in flight), or null. */
  blocked: string | null;
  onRevert: (entry: HistoryEntry) => void;
};

export const HistoryActionsContext = createContext<HistoryActions | null>(null);

export function RevertButton({ entry }: { entry: HistoryEntry }) {
  const actions = useContext(HistoryActionsContext);
  if (!actions || !actions.canRevert(entry)) return null;
  return (
    <button
      type="button"
      className={`${buttonClass} ml-auto min-h-6 px-2 py-0 text-sm`}
      disabled={actions.blocked !== null}
      title={actions.blocked ?? 'Put these fields back as they were before this change'}
      onClick={() => actions.onRevert(entry)}
    >
      Revert…
    </button>
  );
}
