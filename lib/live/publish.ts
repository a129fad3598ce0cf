// Tells every server that a customer changed (a desk save, a webhook's re-read), through PostgreSQL
// NOTIFY on one channel; each server's SSE route (lib/live) fans it out to the pages that have it open.
import 'server-only';
import { sql, type Kysely } from 'kysely';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';

export const CUSTOMER_CHANNEL = 'desk_customer_changed';

export type CustomerChanged = {
  customerId: string;
  /** The fields that changed (ContactField names, 'shipping', 'metadata'), when known. */
  fields: string[];
  /** Who changed it when it was the desk; absent when the change came from Flex (a webhook). */
  by?: { name: string; role: string };
  source: 'desk' | 'flex';
  /** A desk save's audit id: the page that made it (the id came back in its own save's answer) has nothing to re-read. */
  changeId?: number;
  at: string;
};

/** NOTIFY payloads are limited to 8,000 bytes: the message carries names only, never values. */
export async function publishCustomerChanged(event: CustomerChanged, database?: Kysely<DB>): Promise<void> {
  const d = database ?? (await db());
  await sql`SELECT pg_notify(${CUSTOMER_CHANNEL}, ${JSON.stringify(event)})`.execute(d);
}
