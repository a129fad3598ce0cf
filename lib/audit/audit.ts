// The append-only audit trail. Rows are never updated: a customer update writes a `pending` row before
// calling Flex and a completion row after (pointing at it), so a crash in between leaves `pending` in view.
// Each row stores the hash of the previous row (a hash chain), which `npm run audit:verify` walks.
import 'server-only';
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { db as getDb } from '@/lib/db/database';
import type { AuditTable, DB } from '@/lib/db/schema';

export const AUDIT_ACTIONS = [
  'customer.update',
  'customer.update.denied',
  'access.denied',
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.sso_sign_in',
  'auth.sso_failed',
  'auth.break_glass_sign_in',
  'staff.create',
  'staff.role_change',
  'staff.disable',
  'staff.enable',
  'staff.password_reset',
  'staff.role_from_groups',
  'bulk.confirm',
  'bulk.pause',
  'bulk.resume',
  'bulk.cancel',
  'bulk.retry',
  'bulk.undo',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const OUTCOMES = ['pending', 'success', 'rejected', 'conflict', 'upstream_error', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

import type { Changes } from '@/lib/customers/history';
import type { EditReason } from '@/lib/customers/reason';

export type { Changes };

export type Actor = { id: string | null; email: string | null; role: string | null };
export type RequestMeta = { requestId: string; ip: string | null; userAgent: string | null };

export type AuditInput = {
  actor: Actor;
  request: RequestMeta | null;
  action: AuditAction;
  outcome: Outcome;
  customerId?: string | null;
  testMode?: boolean | null;
  changes?: Changes | null;
  upstreamStatus?: number | null;
  upstreamRequestId?: string | null;
  durationMs?: number | null;
  detail?: string | null;
  completesId?: number | null;
  reason?: EditReason | null;
  revertsId?: number | null;
  bulkRunId?: string | null;
};

type Row = Omit<AuditTable, 'id'>;
const GENESIS = '0'.repeat(64);

/** `["<previous hash>",` — the part of a row's hashed JSON that only the database knows at append time. */
const HASH_PREFIX_LENGTH = 2 + 64 + 2;

/** The JSON text a row's hash is taken of; it begins with the previous row's hash. */
function hashInput(row: Omit<Row, 'hash'>): string {
  const fields = [
    row.prev_hash,
    row.at,
    row.actor_id,
    row.actor_email,
    row.actor_role,
    row.action,
    row.customer_id,
    row.test_mode,
    row.changes,
    row.outcome,
    row.upstream_status,
    row.upstream_request_id,
    row.duration_ms,
    row.request_id,
    row.ip,
    row.user_agent,
    row.detail,
    row.completes_id,
  ];
  // Added later: hashed only when present, so rows written before these columns keep their hashes.
  const extra = [row.reason_code, row.reason_detail, row.ticket, row.reverts_id];
  // The bulk run id is hashed the same way, after those, only when present.
  if (row.bulk_run_id !== null && row.bulk_run_id !== undefined) extra.push(row.bulk_run_id);
  if (extra.some((v) => v !== null && v !== undefined)) fields.push(...extra);
  return JSON.stringify(fields);
}

export function rowHash(row: Omit<Row, 'hash'>): string {
  return crypto.createHash('sha256').update(hashInput(row)).digest('hex');
}

const INTEGER_COLUMNS = new Set([
  'test_mode',
  'upstream_status',
  'duration_ms',
  'completes_id',
  'reverts_id',
]);

/**
 * Appends one row in one statement (one round trip): the head row, locked until commit, serialises appends
 * from every server, so each row chains to the true previous row and takes the next id (no gaps).
 * UNIQUE(prev_hash) makes a fork impossible regardless. The hash is rowHash's, finished in SQL: the row's
 * JSON is built here with everything but the previous hash, which PostgreSQL puts in front.
 */
export async function appendAudit(entry: AuditInput, database?: Kysely<DB>): Promise<number> {
  const db = database ?? (await getDb());
  const base = rowOf(entry, GENESIS);
  const tail = hashInput(base).slice(HASH_PREFIX_LENGTH);
  const { prev_hash: _prev, ...cols } = base;
  void _prev;
  const names = Object.keys(cols) as (keyof typeof cols)[];
  const values = names.map((n) =>
    INTEGER_COLUMNS.has(n) ? sql`${cols[n]}::integer` : sql`${cols[n]}::text`,
  );
  const r = await sql<{ id: number }>`
    WITH head AS (
      SELECT last_id + 1 AS id, last_hash AS prev_hash,
        encode(sha256(convert_to('["' || last_hash || '",' || ${tail}::text, 'UTF8')), 'hex') AS hash
      FROM audit_head WHERE id = 1 FOR UPDATE
    ), ins AS (
      INSERT INTO audit_log (id, prev_hash, hash, ${sql.join(names.map((n) => sql.ref(n)))})
      SELECT head.id, head.prev_hash, head.hash, ${sql.join(values)} FROM head
      RETURNING id, hash
    )
    UPDATE audit_head SET last_id = ins.id, last_hash = ins.hash FROM ins WHERE audit_head.id = 1
    RETURNING ins.id`.execute(db);
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('The audit head row is missing.');
  return Number(id);
}

function rowOf(entry: AuditInput, prevHash: string): Omit<Row, 'hash'> {
  return {
    prev_hash: prevHash,
    at: new Date().toISOString(),
    actor_id: entry.actor.id,
    actor_email: entry.actor.email,
    actor_role: entry.actor.role,
    action: entry.action,
    customer_id: entry.customerId ?? null,
    test_mode: entry.testMode === undefined || entry.testMode === null ? null : entry.testMode ? 1 : 0,
    changes: entry.changes ? JSON.stringify(entry.changes) : null,
    outcome: entry.outcome,
    upstream_status: entry.upstreamStatus ?? null,
    upstream_request_id: entry.upstreamRequestId ?? null,
    duration_ms: entry.durationMs ?? null,
    request_id: entry.request?.requestId ?? null,
    ip: entry.request?.ip ?? null,
    user_agent: entry.request?.userAgent?.slice(0, 300) ?? null,
    detail: entry.detail?.slice(0, 1000) ?? null,
    completes_id: entry.completesId ?? null,
    reason_code: entry.reason?.code ?? null,
    reason_detail: entry.reason?.detail || null,
    ticket: entry.reason?.ticket || null,
    reverts_id: entry.revertsId ?? null,
    bulk_run_id: entry.bulkRunId ?? null,
  };
}

export type ChainCheck =
  { ok: true; rows: number } | { ok: false; rows: number; brokenId: number; reason: string };

export async function verifyChain(database?: Kysely<DB>): Promise<ChainCheck> {
  const db = database ?? (await getDb());
  // In sequence order: ids are gapless, so a missing id is a removed row even if the hashes were redone.
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'asc').execute();
  let prev = GENESIS;
  let expectedId = 1;
  for (const row of rows) {
    const { id, hash, ...rest } = row;
    if (rest.prev_hash !== prev || id !== expectedId++)
      return {
        ok: false,
        rows: rows.length,
        brokenId: id,
        reason: 'it does not point at the row before it (a row was removed or reordered)',
      };
    if (rowHash(rest) !== hash)
      return {
        ok: false,
        rows: rows.length,
        brokenId: id,
        reason: 'its content does not match its hash (it was edited)',
      };
    prev = hash;
  }
  // The head remembers the last row, so removing the newest rows is seen too.
  const head = await db.selectFrom('audit_head').select(['last_id', 'last_hash']).executeTakeFirst();
  if (head && (head.last_id !== rows.length || head.last_hash !== prev))
    return {
      ok: false,
      rows: rows.length,
      brokenId: head.last_id,
      reason: 'the newest rows are missing (the chain head points past the last row)',
    };
  return { ok: true, rows: rows.length };
}

export type RecordedChange = {
  id: number;
  customerId: string;
  changes: Changes;
  /** The outcome of the change: its completion row's, or `pending` when none was written. */
  outcome: string;
  testMode: boolean | null;
};

/** A customer update as the trail holds it (its pending row and completion), for revert and undo. */
export async function readChange(id: number, database?: Kysely<DB>): Promise<RecordedChange | null> {
  const db = database ?? (await getDb());
  const row = await db
    .selectFrom('audit_log as a')
    .leftJoin('audit_log as c', 'c.completes_id', 'a.id')
    .select(['a.id', 'a.action', 'a.customer_id', 'a.changes', 'a.test_mode', 'a.completes_id', 'c.outcome'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (
    !row ||
    row.action !== 'customer.update' ||
    row.completes_id !== null ||
    !row.customer_id ||
    !row.changes
  )
    return null;
  return {
    id: row.id,
    customerId: row.customer_id,
    changes: JSON.parse(row.changes) as Changes,
    outcome: row.outcome ?? 'pending',
    testMode: row.test_mode === null ? null : row.test_mode === 1,
  };
}
