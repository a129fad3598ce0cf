// The finder's search as the home page runs it: the index search, Flex's exact-email filter when the index
// has no such email yet (the backfill may not have reached it), and how fresh and complete the index is.
import 'server-only';
import { tryFlex } from '@/lib/flex/errors';
import { flex } from '@/lib/flex/flex';
import { log } from '@/lib/log/logger';
import { indexCoverage } from './coverage';
import { indexCustomers } from './index-store';
import { searchCustomers } from './search';
import type { SearchHit, SearchView } from './view';

export async function findCustomers(raw: string, testMode: boolean): Promise<SearchView> {
  const at = new Date().toISOString();
  const [r, coverage] = await Promise.all([searchCustomers(raw, { testMode }), indexCoverage()]);
  const base = { text: r.plan.text, truncated: r.plan.truncated, coverage, at };
  if (!r.ok) return { ...base, hits: [], more: false, typo: false, error: r.message };
  let hits = r.hits;
  if (
    r.plan.email &&
    !hits.some((h) => h.matched.field === 'email' && h.email.toLowerCase() === r.plan.email)
  ) {
    const email = r.plan.email;
    const found = await tryFlex(() => flex().listCustomers({ email, limit: 100 }));
    if (found.ok && found.value.length > 0) {
      // What Flex answered goes into the index, like any other read of a whole customer.
      await indexCustomers(found.value).catch((e: unknown) =>
        log.warn(
          { err: e instanceof Error ? e.message : String(e) },
          'could not index customers read by email',
        ),
      );
      const fromFlex: SearchHit[] = found.value
        .filter((c) => c.test_mode === testMode)
        .map((c) => ({
          id: c.customer_id,
          firstName: c.first_name,
          lastName: c.last_name,
          email: c.email,
          phone: c.phone_display || c.phone,
          city: c.shipping?.city ?? '',
          postalCode: c.shipping?.postal_code ?? '',
          country: c.shipping?.country ?? '',
          createdAt: c.created_at,
          syncedAt: at,
          matched: { field: 'email', detail: 'read from Flex just now' },
        }));
      const seen = new Set(fromFlex.map((h) => h.id));
      hits = [...fromFlex, ...hits.filter((h) => !seen.has(h.id))];
    }
  }
  return { ...base, hits, more: r.more, typo: r.typo, error: null };
}
