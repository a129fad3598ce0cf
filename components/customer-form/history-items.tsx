// History's entries as list items (the panel holds the list): who changed what, why, and how it ended,
// newest first. Rendered on the server with the page; in the browser only for the rows this page's saves
// added (its code is fetched once the page is up).
import { ChangesList } from '@/components/audit/changes-list';
import { OutcomeBadge } from '@/components/audit/outcome-badge';
import { ReasonLine } from '@/components/audit/reason-line';
import { formatDateTime, relativeTime } from '@/lib/customers/format';
import { revertable, type HistoryEntry } from '@/lib/customers/history';
import { RevertButton } from './history-actions';

export function HistoryItems({ entries }: { entries: HistoryEntry[] }) {
  return (
    <>
      {entries.map((e) => (
        <li key={e.id} className="text-sm" aria-label={`Change ${e.id}`}>
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">{e.actorEmail ?? 'unknown'}</span>
            <OutcomeBadge entry={e} />
            <time dateTime={e.at} title={formatDateTime(e.at)} className="text-muted">
              {relativeTime(e.at)}
            </time>
            <span className="text-muted">#{e.id}</span>
            {revertable(e) && <RevertButton entry={e} />}
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
    </>
  );
}
