// Writes to the customer index: what Flex answered (a sync page, a webhook's re-read, the desk's own PATCH
// answer) goes in as one upsert; a 404 from Flex marks a row deleted. Readers are in lib/search.
import 'server-only';
import { sql, type Kysely } from 'kysely';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';
import type { Customer } from '@/lib/customers/types';
import { indexRowOf } from './index-row';

/**
 * Puts what Flex answered into the index (one statement for the whole page), clearing any deleted mark.
 * `syncedAt` is when the answer was asked for: a row read later (a webhook's re-read while a walk's page was
 * in flight) is never overwritten by an older read, so out-of-order answers cannot roll a row back.
 */
export async function indexCustomers(
  customers: Customer[],
  syncedAt = new Date(),
  database?: Kysely<DB>,
): Promise<void> {
  if (customers.length === 0) return;
  const d = database ?? (await db());
  const rows = customers.map((c) => {
    const r = indexRowOf(c);
    return {
      ...r,
      metadata: JSON.stringify(r.metadata),
      shipping: JSON.stringify(c.shipping ?? {}),
      synced_at: syncedAt,
      deleted_at: null,
    };
  });
  await d
    .insertInto('customer_index')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          test_mode: eb.ref('excluded.test_mode'),
          first_name: eb.ref('excluded.first_name'),
          last_name: eb.ref('excluded.last_name'),
          email: eb.ref('excluded.email'),
          phone: eb.ref('excluded.phone'),
          phone_digits: eb.ref('excluded.phone_digits'),
          employer: eb.ref('excluded.employer'),
          city: eb.ref('excluded.city'),
          postal_code: eb.ref('excluded.postal_code'),
          postal_norm: eb.ref('excluded.postal_norm'),
          country: eb.ref('excluded.country'),
          metadata: eb.ref('excluded.metadata'),
          shipping: eb.ref('excluded.shipping'),
          created_at: eb.ref('excluded.created_at'),
          synced_at: eb.ref('excluded.synced_at'),
          deleted_at: sql<null>`NULL`,
        }))
        .where('customer_index.synced_at', '<=', (eb) => eb.ref('excluded.synced_at')),
    )
    .execute();
}

/** Flex answered 404 for this customer: keep the row (history links still resolve) but mark it deleted. */
export async function markIndexedDeleted(id: string, at = new Date(), database?: Kysely<DB>): Promise<void> {
  const d = database ?? (await db());
  await d
    .updateTable('customer_index')
    .set({ deleted_at: at, synced_at: at })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where('synced_at', '<=', at)
    .execute();
}

/**
 * Whether the index took a newer answer for this customer after `since` (a webhook's re-read, a desk save, a
 * walk): an open page asks this once it listens, for a change that landed while it was loading. Null when
 * nothing newer is indexed.
 */
export async function indexedSince(
  id: string,
  since: Date,
  database?: Kysely<DB>,
): Promise<{ deleted: boolean } | null> {
  const d = database ?? (await db());
  const row = await d
    .selectFrom('customer_index')
    .select(['deleted_at'])
    .where('id', '=', id)
    .where('synced_at', '>', since)
    .executeTakeFirst();
  return row ? { deleted: row.deleted_at !== null } : null;
}
