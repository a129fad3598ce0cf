// "Recently viewed": the last 10 customers each staff member opened, kept in the app database.
import 'server-only';
import { db as getDb } from '@/lib/db/database';

const KEEP = 10;

export async function rememberViewed(staffId: string, customerId: string, label: string): Promise<void> {
  const db = await getDb();
  const now = new Date().toISOString();
  await db
    .insertInto('recently_viewed')
    .values({ staff_id: staffId, customer_id: customerId, label: label.slice(0, 200), viewed_at: now })
    .onConflict((oc) =>
      oc.columns(['staff_id', 'customer_id']).doUpdateSet({ label: label.slice(0, 200), viewed_at: now }),
    )
    .execute();
  const keep = await db
    .selectFrom('recently_viewed')
    .select('customer_id')
    .where('staff_id', '=', staffId)
    .orderBy('viewed_at', 'desc')
    .limit(KEEP)
    .execute();
  await db
    .deleteFrom('recently_viewed')
    .where('staff_id', '=', staffId)
    .where('customer_id', 'not in', keep.length ? keep.map((k) => k.customer_id) : [''])
    .execute();
}

export async function recentlyViewed(
  staffId: string,
): Promise<{ customerId: string; label: string; viewedAt: string }[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom('recently_viewed')
    .selectAll()
    .where('staff_id', '=', staffId)
    .orderBy('viewed_at', 'desc')
    .limit(KEEP)
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, label: r.label, viewedAt: r.viewed_at }));
}
