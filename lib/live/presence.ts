// Who has a customer page open, across every server: a row per open stream in PostgreSQL, refreshed by
// the stream's heartbeat, and a NOTIFY when someone arrives or leaves. A row whose server died simply
// stops being refreshed and drops out after PRESENCE_TTL_S.
import 'server-only';
import { sql, type Kysely } from 'kysely';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';

export const PRESENCE_CHANNEL = 'desk_customer_presence';
export const HEARTBEAT_MS = 10_000;
const PRESENCE_TTL_S = 35;

export type Present = { name: string; role: string };
type Who = { staffId: string; name: string; role: string };

async function announce(d: Kysely<DB>, customerId: string) {
  await sql`SELECT pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify({ customerId })})`.execute(d);
}

export async function joinPresence(streamId: string, customerId: string, who: Who): Promise<void> {
  const d = await db();
  await d
    .insertInto('customer_presence')
    .values({
      stream_id: streamId,
      customer_id: customerId,
      staff_id: who.staffId,
      display_name: who.name,
      role: who.role,
      seen_at: new Date(),
    })
    .onConflict((oc) => oc.column('stream_id').doUpdateSet({ seen_at: new Date() }))
    .execute();
  await announce(d, customerId);
}

export async function heartbeatPresence(streamId: string): Promise<void> {
  const d = await db();
  await d
    .updateTable('customer_presence')
    .set({ seen_at: new Date() })
    .where('stream_id', '=', streamId)
    .execute();
  // Rows of streams whose server died; small table, so a plain delete is cheap.
  await sql`DELETE FROM customer_presence WHERE seen_at < now() - interval '10 minutes'`.execute(d);
}

export async function leavePresence(streamId: string, customerId: string): Promise<void> {
  const d = await db();
  await d.deleteFrom('customer_presence').where('stream_id', '=', streamId).execute();
  await announce(d, customerId);
}

/** Everyone else with the page open now (one entry per person, however many tabs). */
export async function presentOn(customerId: string, exceptStaffId: string): Promise<Present[]> {
  const d = await db();
  const rows = await sql<{ display_name: string; role: string }>`
    SELECT DISTINCT ON (staff_id) display_name, role FROM customer_presence
    WHERE customer_id = ${customerId} AND staff_id <> ${exceptStaffId}
      AND seen_at > now() - make_interval(secs => ${PRESENCE_TTL_S})
    ORDER BY staff_id, seen_at DESC`.execute(d);
  return rows.rows
    .map((r) => ({ name: r.display_name, role: r.role }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
