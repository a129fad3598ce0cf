// Pending customer updates whose server died between the pending row and its completion (a crash, a kill,
// a lost database connection). The next save to that customer, holding its lock, finds them and writes
// the completion, comparing the change with what Flex now holds.
import 'server-only';
import { db as getDb } from '@/lib/db/database';
import type { Changes } from '@/lib/customers/history';
import { PATCH_FIELDS, sameField, type PatchField } from '@/lib/customers/patch';
import type { CustomerFields } from '@/lib/customers/types';
import { appendAudit, type RequestInfo } from './audit';

/** Pending update rows of a customer that have no completion row. */
export async function orphanedPending(customerId: string) {
  const db = await getDb();
  return db
    .selectFrom('audit_log as a')
    .selectAll('a')
    .where('a.customer_id', '=', customerId)
    .where('a.action', '=', 'customer.update')
    .where('a.outcome', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('audit_log as c').select('c.id').whereRef('c.completes_id', '=', 'a.id'))),
    )
    .orderBy('a.id')
    .execute();
}

/**
 * Completes every orphaned pending row of this customer. Call only while holding the customer's lock, so
 * that no save of it is in flight. `current` is what Flex holds now.
 */
export async function reconcilePending(
  customerId: string,
  current: CustomerFields,
  request: RequestInfo,
): Promise<number> {
  const rows = await orphanedPending(customerId);
  for (const row of rows) {
    const changes = JSON.parse(row.changes ?? '{}') as Changes;
    const fields = Object.keys(changes).filter((f): f is PatchField =>
      PATCH_FIELDS.includes(f as PatchField),
    );
    const target = { ...current } as Record<string, unknown>;
    const before = { ...current } as Record<string, unknown>;
    for (const f of fields) {
      target[f] = changes[f]?.after;
      before[f] = changes[f]?.before;
    }
    const applied = fields.every((f) => sameField(f, current, target as CustomerFields));
    const notThere = fields.every((f) => sameField(f, current, before as CustomerFields));
    await appendAudit({
      actor: { id: row.actor_id, email: row.actor_email, role: row.actor_role },
      request,
      action: 'customer.update',
      outcome: applied ? 'success' : 'unknown',
      customerId,
      testMode: row.test_mode === null ? null : row.test_mode === 1,
      changes,
      detail: `the server saving this stopped before Flex answered; reconciled by the next save (request ${request.requestId}): ${
        applied
          ? 'Flex shows the change applied'
          : notThere
            ? 'Flex does not show the change (it may still arrive)'
            : 'Flex shows other values'
      }`,
      completesId: row.id,
    });
  }
  return rows.length;
}
