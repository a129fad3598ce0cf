'use client';
// History: who changed what on this customer and why, newest first, from the audit trail. A saved change
// offers "Revert…" to staff whose role may change its fields.
import { OutcomeBadge } from '@/components/audit/outcome-badge';
import { ChangesList } from '@/components/audit/changes-list';
import { ReasonLine } from '@/components/audit/reason-line';
import { buttonClass } from '@/components/ui/field';
import type { AuditEntry } from '@/lib/customers/history';
import { formatDateTime, relativeTime } from '@/lib/customers/format';

export function HistoryPanel({
  entries: data,
  canRevert,
  revertBlocked,
  onRevert,
}: {
  entries: AuditEntry[];
  canRevert: (entry: AuditEntry) => boolean;
  /** Why no revert can start now (unsaved edits, a save in flight), or null. */
  revertBlocked: string | null;
  onRevert: (entry: AuditEntry) => void;
}) {
  return (
    <section aria-labelledby="history-title" className="rounded border border-line p-4">
      <h2 id="history-title" className="mb-2 font-semibold">
        History
      </h2>
      {data.length === 0 ? (
        <p className="text-sm text-muted">No changes made through the Customer Desk yet.</p>
      ) : (
        <ol className="space-y-3">
          {data.map((e) => (
            <li key={e.id} className="text-sm" aria-label={`Change ${e.id}`}>
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium">{e.actorEmail ?? 'unknown'}</span>
                <OutcomeBadge entry={e} />
                <time dateTime={e.at} title={formatDateTime(e.at)} className="text-muted">
                  {relativeTime(e.at)}
                </time>
                <span className="text-muted">#{e.id}</span>
                {e.action === 'customer.update' && e.outcome === 'success' && e.changes && canRevert(e) && (
                  <button
                    type="button"
                    className={`${buttonClass} ml-auto min-h-6 px-2 py-0 text-sm`}
                    disabled={revertBlocked !== null}
                    title={revertBlocked ?? 'Put these fields back as they were before this change'}
                    onClick={() => onRevert(e)}
                  >
                    Revert…
                  </button>
                )}
              </div>
              {e.revertsId !== null && <p className="text-muted">Reverts change #{e.revertsId}</p>}
              {e.action === 'customer.update.denied' ? (
                <p className="text-muted">{e.detail}</p>
              ) : (
                <ChangesList changes={e.changes} />
              )}
              <ReasonLine entry={e} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
