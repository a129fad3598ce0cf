import { redirect } from 'next/navigation';
import { Finder } from '@/components/finder/finder';
import { Providers } from '@/components/providers';
import { requirePermission } from '@/lib/auth/guard';
import { flexMode } from '@/lib/config';
import { isCustomerId } from '@/lib/customers/types';
import { tryFlex } from '@/lib/flex/errors';
import { listCustomers } from '@/lib/flex/flex';
import { recentlyViewed } from '@/lib/recent/recent';
import { findCustomers } from '@/lib/search/find';
import { pageSize, parseSearch } from '@/lib/search/query';

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function Home({ searchParams }: { searchParams: Promise<Params> }) {
  const staff = await requirePermission('customer.read');
  const sp = await searchParams;
  const raw = one(sp.q);
  const q = parseSearch(raw);
  if (q.kind === 'id') redirect(`/customers/${q.id}`);

  const recent = await recentlyViewed(staff.id);
  let initialPage = null;
  if (q.kind === 'empty') {
    const after = one(sp.after);
    const before = one(sp.before);
    const page = {
      after: after && isCustomerId(after) ? after : undefined,
      before: before && !after && isCustomerId(before) ? before : undefined,
      limit: pageSize(one(sp.limit)) as 10 | 25 | 50 | 100,
    };
    const r = await tryFlex(() =>
      listCustomers({ limit: page.limit, startingAfter: page.after, endingBefore: page.before }),
    );
    initialPage = r.ok ? { page, customers: r.value } : { page, failure: r.failure };
  }
  const search =
    q.kind === 'email' || q.kind === 'text' ? await findCustomers(raw ?? '', flexMode().testMode) : null;
  // TanStack Query is loaded only on the pages that use it (the finder, a bulk run).
  return (
    <Providers>
      <Finder initialPage={initialPage} search={search} recent={recent} />
    </Providers>
  );
}
