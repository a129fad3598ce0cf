'use client';
// The home page finder: the search box first, recently viewed, then index search results or the browse table.
// Browse pages are held in TanStack Query and paged with cursors kept in the URL.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { listPage } from '@/app/actions';
import { FlexProblem } from '@/components/customer/flex-problem';
import { Alert } from '@/components/ui/alert';
import type { Failure } from '@/lib/customers/action-result';
import type { FailureInfo } from '@/lib/customers/failure';
import type { Customer } from '@/lib/customers/types';
import { isCustomerId } from '@/lib/customers/types';
import { PAGE_SIZES, pageSize, parseSearch } from '@/lib/search/query';
import { CustomerTable } from './customer-table';
import { SearchBox } from './search-box';
import { SearchResults } from './search-results';
import type { SearchView } from '@/lib/search/view';

type Page = { after?: string; before?: string; limit: 10 | 25 | 50 | 100 };
type Recent = { customerId: string; label: string; viewedAt: string }[];

/** Why a page of the list is not shown: what Flex answered, or the desk's own refusal in its words. */
type PageFailure = FailureInfo | { desk: string };

class PageError extends Error {
  constructor(readonly failure: PageFailure) {
    super('page failed');
  }
}

function failureOf(r: Failure): PageFailure {
  return r.kind === 'upstream' && r.flex ? r.flex : { desk: r.message };
}

const pageQuery = (p: Page) => ({
  queryKey: ['customers', p.after ?? null, p.before ?? null, p.limit] as const,
  queryFn: async () => {
    const r = await listPage(p);
    if (!r.ok) throw new PageError(failureOf(r));
    return r.value;
  },
});

function readPage(params: URLSearchParams): Page {
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;
  return {
    after: after && isCustomerId(after) ? after : undefined,
    before: before && !after && isCustomerId(before) ? before : undefined,
    limit: pageSize(params.get('limit')) as Page['limit'],
  };
}

function go(url: string) {
  window.history.pushState(null, '', url);
}

export function Finder({
  initialPage,
  search,
  recent,
}: {
  initialPage: { page: Page; customers: Customer[] } | { page: Page; failure: FailureInfo } | null;
  /** The index search for ?q=, run by the server render. */
  search: SearchView | null;
  recent: Recent;
}) {
  const params = useSearchParams();
  const q = parseSearch(params.get('q'));
  const page = readPage(params);
  const queryClient = useQueryClient();
  const samePage = (a: Page, b: Page) => a.after === b.after && a.before === b.before && a.limit === b.limit;
  const initial =
    initialPage && 'customers' in initialPage && samePage(initialPage.page, page)
      ? initialPage.customers
      : undefined;

  const browse = useQuery({
    ...pageQuery(page),
    enabled: q.kind === 'empty',
    initialData: initial,
    placeholderData: keepPreviousData,
  });
  const rows = browse.data ?? [];
  const older: Page | null =
    rows.length === page.limit || page.before ? { after: rows.at(-1)?.customer_id, limit: page.limit } : null;
  const newer: Page | null =
    page.after || (page.before && rows.length === page.limit)
      ? { before: rows[0]?.customer_id, limit: page.limit }
      : null;

  // The next page is fetched ahead of the click.
  const olderAfter = older?.after;
  useEffect(() => {
    if (q.kind === 'empty' && olderAfter)
      void queryClient.prefetchQuery(pageQuery({ after: olderAfter, limit: page.limit }));
  }, [q.kind, olderAfter, page.limit, queryClient]);

  const href = (p: Page) => {
    const u = new URLSearchParams();
    if (p.after) u.set('after', p.after);
    if (p.before) u.set('before', p.before);
    if (p.limit !== 25) u.set('limit', String(p.limit));
    const s = u.toString();
    return s ? `/?${s}` : '/';
  };

  const failure =
    browse.error instanceof PageError
      ? browse.error.failure
      : initialPage && 'failure' in initialPage && samePage(initialPage.page, page)
        ? initialPage.failure
        : null;

  return (
    <div className="space-y-6">
      <SearchBox large key={params.get('q') ?? ''} />

      {recent.length > 0 && (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title" className="mb-1 text-sm font-semibold text-muted">
            Recently viewed
          </h2>
          <ul className="flex flex-wrap gap-2">
            {recent.map((r) => (
              <li key={r.customerId}>
                <Link
                  href={`/customers/${r.customerId}`}
                  prefetch={false}
                  className="inline-block rounded border border-line px-2 py-1 text-sm hover:bg-surface"
                >
                  {r.label}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {q.kind === 'bad_id' && (
        <Alert tone="danger" role="alert" as="p">
          “{q.raw}” is not a customer id: ids are fcus_ followed by 26 letters and digits.
        </Alert>
      )}

      {(q.kind === 'email' || q.kind === 'text') && search && <SearchResults view={search} />}

      {q.kind === 'empty' && (
        <section aria-labelledby="browse-title">
          <div className="mb-2 flex flex-wrap items-center gap-3">
            <h1 id="browse-title" className="text-xl font-semibold">
              Newest customers
            </h1>
            <label className="ml-auto flex items-center gap-2 text-sm">
              Page size
              <select
                value={page.limit}
                onChange={(e) => go(href({ limit: Number(e.target.value) as Page['limit'] }))}
                className="rounded border border-line bg-canvas px-2 py-1"
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {failure && 'desk' in failure ? (
            <Alert tone="danger" role="alert" as="p">
              {failure.desk}
            </Alert>
          ) : failure ? (
            <FlexProblem error={failure} />
          ) : rows.length === 0 && !browse.isFetching ? (
            <p role="status">No customers on this page.</p>
          ) : (
            <div aria-busy={browse.isFetching} className={browse.isPlaceholderData ? 'opacity-60' : ''}>
              <CustomerTable customers={rows} caption="Newest customers" />
            </div>
          )}
          <nav aria-label="Pages" className="mt-3 flex gap-3">
            {newer ? (
              <a
                href={href(newer)}
                onClick={(e) => {
                  e.preventDefault();
                  go(href(newer));
                }}
                className="rounded border border-line px-3 py-1"
              >
                ← Newer
              </a>
            ) : (
              <span className="px-3 py-1 text-muted">← Newer</span>
            )}
            {older ? (
              <a
                href={href(older)}
                onClick={(e) => {
                  e.preventDefault();
                  go(href(older));
                }}
                className="rounded border border-line px-3 py-1"
              >
                Older →
              </a>
            ) : (
              <span className="px-3 py-1 text-muted">Older →</span>
            )}
          </nav>
        </section>
      )}
    </div>
  );
}

export type { Page as FinderPage };
