'use client';
// Results of the index search: each row says which field matched and when it was last synced from Flex;
// the status line says how many, and how fresh and complete the index is. ↑/↓, j/k and Enter work.
import { displayName, formatDateTime, relativeTime } from '@/lib/customers/format';
import { Alert } from '@/components/ui/alert';
import { Row, Table, THead } from '@/components/ui/table';
import { MATCHED_LABEL } from '@/lib/search/matched';
import type { Coverage, SearchView } from '@/lib/search/view';
import { CustomerLink } from './customer-link';
import { useRowKeys } from './row-keys';

const count = (n: number) => n.toLocaleString('en');

/** "synced 40 s ago" */
export function syncedAgo(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `synced ${s} s ago`;
  if (s < 3600) return `synced ${Math.round(s / 60)} min ago`;
  if (s < 86400) return `synced ${Math.round(s / 3600)} h ago`;
  return `synced ${Math.round(s / 86400)} days ago`;
}

export function coverageText(c: Coverage | null, now: number): string {
  if (!c) return '';
  const fresh = c.lastSyncAt
    ? ` Last news from Flex: ${syncedAgo(c.lastSyncAt, now).replace('synced ', '')}.`
    : '';
  if (c.firstBackfillDone) return `Searched all ${count(c.indexed)} customers in the index.${fresh}`;
  const part =
    c.total && c.total > 0
      ? `${count(c.indexed)} of about ${count(c.total)} customers (${Math.floor(Math.min(1, c.indexed / c.total) * 100)}%)`
      : `${count(c.indexed)} customers so far`;
  return `The index is still being filled from Flex: these results cover ${part}. A customer not found yet can be opened by exact email or id.${fresh}`;
}

export function SearchResults({ view }: { view: SearchView }) {
  const keys = useRowKeys();
  const now = new Date(view.at).getTime();
  const n = view.hits.length;
  const summary = view.error
    ? ''
    : n === 0
      ? `No customers match “${view.text}”.`
      : `${view.more ? `${count(n)}+ matches; showing the ${count(n)} closest (add more of the name to narrow it)` : `${count(n)} ${n === 1 ? 'match' : 'matches'}`}${view.typo ? ', including similar spellings' : ''}.`;
  return (
    <section aria-labelledby="results-title">
      <h1 id="results-title" className="mb-2 text-xl font-semibold">
        Customers matching “{view.text}”
      </h1>
      <p role="status" className="mb-2 text-sm text-muted">
        {summary} {coverageText(view.coverage, now)}
        {view.truncated && ' Only the first 200 characters were searched.'}
      </p>
      {view.error && (
        <Alert tone="danger" role="alert" as="p">
          {view.error}
        </Alert>
      )}
      {n > 0 && (
        <Table size="base">
          <caption className="sr-only">Customers matching {view.text}</caption>
          <THead className="text-sm">
            <tr>
              <th className="py-1">Name</th>
              <th>Phone</th>
              <th>City, postal code</th>
              <th>Created</th>
              <th>Matched</th>
            </tr>
          </THead>
          <tbody {...keys}>
            {view.hits.map((h) => {
              return (
                <Row key={h.id} align="middle" className="hover:bg-surface">
                  <td className="py-1.5">
                    <CustomerLink id={h.id}>
                      {displayName({ first_name: h.firstName, last_name: h.lastName, email: h.email })}
                    </CustomerLink>
                    <div className="text-sm text-muted">{h.email}</div>
                  </td>
                  <td className="text-sm">{h.phone}</td>
                  <td className="text-sm">
                    {[h.city, h.postalCode, h.country].filter(Boolean).join(', ') || (
                      <span className="text-muted">No address</span>
                    )}
                  </td>
                  <td className="text-sm">
                    <time dateTime={h.createdAt} title={formatDateTime(h.createdAt)} suppressHydrationWarning>
                      {relativeTime(h.createdAt, now)}
                    </time>
                  </td>
                  <td className="text-sm">
                    {MATCHED_LABEL[h.matched.field]}
                    {h.matched.detail && <span className="text-muted"> ({h.matched.detail})</span>}
                    <div className="text-muted">
                      <time dateTime={h.syncedAt} title={formatDateTime(h.syncedAt)}>
                        {syncedAgo(h.syncedAt, now)}
                      </time>
                    </div>
                  </td>
                </Row>
              );
            })}
          </tbody>
        </Table>
      )}
    </section>
  );
}
