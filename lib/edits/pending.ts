// Pending customer updates whose server stopped between the pending row and its completion (a crash, a
// kill, a lost database connection). The next save to that customer looks for them beside its Flex read
// and, holding the customer's lock, writes their completion from what Flex now holds.
import 'server-only';
import { appendAudit, type RequestMeta } from '@/lib/audit/audit';
import { db as getDb } from '@/lib/db/database';
import type { Changes } from '@/lib/customers/history';
import { asRecorded } from '@/lib/customers/inverse';
import type { CustomerFields } from '@/lib/customers/types';
import { landingOf, verdictOfOrphan } from './outcome';

export type OrphanRow = Awaited<ReturnType<typeof orphanedPending>>[number];

/** Pending update rows of a customer that have no completion row. */
export async function orphanedPending(customerId: string) {
  const db = await getDb();
  return db
    .selectFrom('audit_log as a')
    .select(['a.id', 'a.actor_id', 'a.actor_email', 'a.actor_role', 'a.changes', 'a.test_mode'])
    .where('a.customer_id', '=', customerId)
    .where('a.action', '=', 'customer.update')
    .where('a.outcome', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('audit_log as c').select('c.id').whereRef('c.completes_id', '=', 'a.id'))),
    )
    .orderBy('a.id')
    .execute();
}

/** Completes each orphaned row. Call only while holding the customer's lock: no save of it is in flight. */
export async function completeOrphans(
  customerId: string,
  rows: OrphanRow[],
  current: CustomerFields,
  request: RequestMeta,
): Promise<void> {
  for (const row of rows) {
    const changes = JSON.parse(row.changes ?? '{}') as Changes;
    const { base, patch } = asRecorded(changes);
    const verdict = verdictOfOrphan(landingOf(current, base, patch));
    await appendAudit({
      actor: { id: row.actor_id, email: row.actor_email, role: row.actor_role },
      request,
      action: 'customer.update',
      outcome: verdict.audit,
      customerId,
      testMode: row.test_mode === null ? null : row.test_mode === 1,
      changes,
      detail: `the server saving this stopped before Flex answered; reconciled by the next save (request ${request.requestId}): ${verdict.detail}`,
      completesId: row.id,
    });
  }
}
