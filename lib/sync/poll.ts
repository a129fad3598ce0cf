// Freshness without webhooks: the newest page is read every FLEX_SYNC_POLL_SECONDS. When every customer on
// it is new to the index (a burst of sign-ups), the next page is read too, up to MAX_PAGES, so a burst is
// not missed until the next full walk.
import 'server-only';
import { sql } from 'kysely';
import { indexCustomers } from '@/lib/search/index-store';
import { dbOf, PAGE_SIZE, type SyncDeps } from './walk';

const MAX_PAGES = 10;

/** Returns how many customers it indexed. */
export async function pollNewest(deps: SyncDeps): Promise<number> {
  const d = await dbOf(deps);
  let cursor: string | undefined;
  let total = 0;
  for (let i = 0; i < MAX_PAGES; i++) {
    await deps.pacer.take();
    const askedAt = new Date();
    const page = await deps.flex.listCustomers({ limit: PAGE_SIZE, startingAfter: cursor });
    const ids = page.map((c) => c.customer_id);
    const known =
      ids.length === 0
        ? 0
        : Number(
            (
              await sql<{
                n: string;
              }>`SELECT count(*) AS n FROM customer_index WHERE id = ANY(${ids}::text[])`.execute(d)
            ).rows[0]?.n ?? 0,
          );
    await indexCustomers(page, askedAt, d);
    total += page.length;
    if (page.length < PAGE_SIZE || known > 0) break;
    cursor = ids.at(-1);
  }
  await sql`UPDATE sync_state SET last_poll_at = clock_timestamp() WHERE id = 1`.execute(d);
  return total;
}
