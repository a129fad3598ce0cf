'use client';
// History: who changed what on this customer, newest first, from the audit trail.
import { useQuery } from '@tanstack/react-query';
import { ChangesList, OUTCOME_CLASS, OUTCOME_LABEL } from '@/components/audit/changes-list';
import type { AuditEntry } from '@/lib/customers/history';
import { formatDateTime, relativeTime } from '@/lib/customers/format';
import { historyQuery } from './queries';

export function HistoryPanel({ customerId, initial }: { customerId: string; initial: AuditEntry[] }) {
  const { data } = useQuery({ ...historyQuery(customerId), initialData: initial });
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
            <li key={e.id} className="text-sm">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium">{e.actorEmail ?? 'unknown'}</span>
                <span className={`rounded px-1.5 text-xs ${OUTCOME_CLASS[e.outcome] ?? ''}`}>
                  {OUTCOME_LABEL[e.outcome] ?? e.outcome}
                </span>
                <time dateTime={e.at} title={formatDateTime(e.at)} className="text-muted">
                  {relativeTime(e.at)}
                </time>
              </div>
              {e.action === 'customer.update.denied' ? (
                <p className="text-muted">{e.detail}</p>
              ) : (
                <ChangesList changes={e.changes} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
