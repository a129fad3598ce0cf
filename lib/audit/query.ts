// Reading the audit trail: a customer's History and the filtered /audit list. A pending row and its
// completion are shown as one entry with the completion's outcome.
import 'server-only';
import type { Kysely } from 'kysely';
import { db as getDb } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';
import type { AuditEntry, Changes } from '@/lib/customers/history';

export type { AuditEntry };

export type AuditFilters = {
  actor?: string;
  customerId?: string;
  action?: string;
  outcome?: string;
  reason?: string; // an EDIT_REASONS code
  ticket?: string; // part of the ticket reference
  runId?: string; // a bulk run's id
  from?: string; // ISO date (inclusive)
  to?: string; // ISO date (inclusive, whole day)
};

function baseQuery(db: Kysely<DB>, f: AuditFilters) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('audit_log as c', 'c.completes_id', 'a.id')
    .where('a.completes_id', 'is', null);
  if (f.actor) q = q.where('a.actor_email', 'like', `%${f.actor.toLowerCase().replace(/[%_]/g, '')}%`);
  if (f.customerId) q = q.where('a.customer_id', '=', f.customerId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.outcome) q = q.where((eb) => eb(eb.fn.coalesce('c.outcome', 'a.outcome'), '=', f.outcome as string));
  if (f.reason) q = q.where('a.reason_code', '=', f.reason);
  if (f.ticket) q = q.where('a.ticket', 'like', `%${f.ticket.replace(/[%_\\]/g, '')}%`);
  if (f.runId) q = q.where('a.bulk_run_id', '=', f.runId);
  if (f.from) q = q.where('a.at', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) q = q.where('a.at', '<=', `${f.to}T23:59:59.999Z`);
  return q;
}

export async function listAudit(
  f: AuditFilters,
  page: { limit: number; offset: number },
  database?: Kysely<DB>,
) {
  const db = database ?? (await getDb());
  const [entries, total] = await Promise.all([
    auditEntries(db, f, page),
    baseQuery(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { entries, total: Number(total.n) };
}

async function auditEntries(
  db: Kysely<DB>,
  f: AuditFilters & { customerActionsOnly?: boolean },
  page: { limit: number; offset: number },
): Promise<AuditEntry[]> {
  let q = baseQuery(db, f);
  if (f.customerActionsOnly) q = q.where('a.action', 'like', 'customer.%');
  const rows = await q
    .select([
      'a.id',
      'a.at',
      'a.actor_email',
      'a.actor_role',
      'a.action',
      'a.customer_id',
      'a.test_mode',
      'a.changes',
      'a.outcome',
      'a.upstream_status',
      'a.upstream_request_id',
      'a.duration_ms',
      'a.request_id',
      'a.ip',
      'a.user_agent',
      'a.detail',
      'a.reason_code',
      'a.reason_detail',
      'a.ticket',
      'a.reverts_id',
      'a.bulk_run_id',
      'c.outcome as c_outcome',
      'c.upstream_status as c_upstream_status',
      'c.upstream_request_id as c_upstream_request_id',
      'c.duration_ms as c_duration_ms',
      'c.detail as c_detail',
      'c.at as c_at',
      'c.changes as c_changes',
    ])
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorEmail: r.actor_email,
    actorRole: r.actor_role,
    action: r.action,
    customerId: r.customer_id,
    testMode: r.test_mode === null ? null : r.test_mode === 1,
    changes: JSON.parse(r.c_changes ?? r.changes ?? 'null') as Changes | null,
    outcome: r.c_outcome ?? r.outcome,
    upstreamStatus: r.c_upstream_status ?? r.upstream_status,
    upstreamRequestId: r.c_upstream_request_id ?? r.upstream_request_id,
    durationMs: r.c_duration_ms ?? r.duration_ms,
    requestId: r.request_id,
    ip: r.ip,
    userAgent: r.user_agent,
    detail: r.c_detail ?? r.detail,
    completedAt: r.c_at ?? null,
    reasonCode: r.reason_code,
    reasonDetail: r.reason_detail,
    ticket: r.ticket,
    revertsId: r.reverts_id,
    bulkRunId: r.bulk_run_id,
  }));
}

/** A customer's History: its newest customer changes, one query (no count: the panel shows no total). */
export async function customerHistory(customerId: string, limit = 20): Promise<AuditEntry[]> {
  return auditEntries(await getDb(), { customerId, customerActionsOnly: true }, { limit, offset: 0 });
}
