// Bulk runs in the database: creating a run from a checked file, reading it for its page, the person's
// commands (confirm, pause, resume, cancel), and the lease by which one server at a time works on a run.
// Every state change is a conditional UPDATE, so servers racing for the same run or row cannot both win.
import 'server-only';
import crypto from 'node:crypto';
import { ulid } from 'ulid';
import { db as getDb } from '@/lib/db/database';
import type { BulkItemTable, BulkRunTable } from '@/lib/db/schema';
import { countBulkRow } from '@/lib/metrics';
import type { EditReason } from '@/lib/customers/reason';
import type { Address } from '@/lib/customers/types';
import type { BlankRules, Mapping } from '../mapping';
import type { PlannedRow, RowKind } from '../plan';

import { ITEM_STATES, type ItemState, type RunKind, type RunState } from '@/lib/shared/bulk-states';
import type { Item, Run, RunCounts } from '../run-types';

export {
  ITEM_STATES,
  RUN_STATES,
  type ItemState,
  type RunKind,
  type RunState,
} from '@/lib/shared/bulk-states';

export type { Item, Run, RunCounts } from '../run-types';

const json = <T>(s: string | null, fallback: T): T => (s === null ? fallback : (JSON.parse(s) as T));

function toRun(r: BulkRunTable): Run {
  return {
    id: r.id,
    kind: r.kind as RunKind,
    parentId: r.parent_id,
    state: r.state as RunState,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByEmail: r.created_by_email,
    createdByRole: r.created_by_role,
    testMode: r.test_mode === 1,
    fileName: r.file_name,
    fileHash: r.file_hash,
    header: json<string[]>(r.header, []),
    mapping: json<Mapping>(r.mapping, {} as Mapping),
    blanks: json<BlankRules>(r.blanks, {} as BlankRules),
    reason: json<EditReason | null>(r.reason, null),
    owner: r.owner,
    leaseUntil: r.lease_until,
    confirmedAt: r.confirmed_at,
    confirmedBy:
      r.confirmed_by && r.confirmed_by_email && r.confirmed_by_role
        ? { id: r.confirmed_by, email: r.confirmed_by_email, role: r.confirmed_by_role }
        : null,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    throttled: r.throttled,
  };
}

export function toItem(r: BulkItemTable): Item {
  return {
    line: r.line,
    customerId: r.customer_id,
    cells: json<string[]>(r.cells, []),
    kind: r.kind as RowKind | null,
    before: json<Address | null>(r.before, null),
    after: json<Address | null>(r.after, null),
    errors: json<PlannedRow['errors']>(r.errors, {}),
    state: r.state as ItemState,
    error: r.error,
    auditId: r.audit_id,
  };
}

const now = () => new Date().toISOString();

export type NewRun = {
  kind: RunKind;
  parentId?: string | null;
  staff: { id: string; email: string; role: string };
  testMode: boolean;
  fileName: string;
  fileHash: string;
  header: string[];
  mapping: Mapping;
  blanks: BlankRules;
  reason: EditReason | null;
  /** Rows to read and plan (state unread), or rows already planned (retry and undo). */
  items: {
    line: number;
    customerId: string;
    cells: string[];
    planned?: Omit<PlannedRow, 'line' | 'customerId'>;
  }[];
};

/** Creates a run and its rows in one transaction: a run exists whole or not at all. */
export async function createRun(n: NewRun): Promise<string> {
  const db = await getDb();
  const id = `blk_${ulid()}`;
  const at = now();
  const planned = n.items.every((i) => i.planned);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('bulk_run')
      .values({
        id,
        kind: n.kind,
        parent_id: n.parentId ?? null,
        state: planned ? 'planned' : 'planning',
        created_at: at,
        created_by: n.staff.id,
        created_by_email: n.staff.email,
        created_by_role: n.staff.role,
        test_mode: n.testMode ? 1 : 0,
        file_name: n.fileName.slice(0, 200),
        file_hash: n.fileHash,
        header: JSON.stringify(n.header),
        mapping: JSON.stringify(n.mapping),
        blanks: JSON.stringify(n.blanks),
        reason: n.reason ? JSON.stringify(n.reason) : null,
        owner: null,
        lease_until: null,
        confirmed_at: null,
        started_at: null,
        finished_at: null,
        throttled: 0,
        updated_at: at,
      })
      .execute();
    for (let i = 0; i < n.items.length; i += 500) {
      await trx
        .insertInto('bulk_item')
        .values(
          n.items.slice(i, i + 500).map((it) => ({
            run_id: id,
            line: it.line,
            customer_id: it.customerId,
            cells: JSON.stringify(it.cells),
            kind: it.planned?.kind ?? null,
            before: it.planned ? JSON.stringify(it.planned.before) : null,
            after: it.planned ? JSON.stringify(it.planned.after) : null,
            errors: it.planned ? JSON.stringify(it.planned.errors) : null,
            state: it.planned ? 'planned' : 'unread',
            error: null,
            audit_id: null,
            updated_at: at,
          })),
        )
        .execute();
    }
  });
  return id;
}

export async function getRun(id: string): Promise<Run | null> {
  const db = await getDb();
  const r = await db.selectFrom('bulk_run').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRun(r) : null;
}

export async function listRuns(limit = 50): Promise<Run[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom('bulk_run')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

export async function runCounts(id: string): Promise<RunCounts> {
  const db = await getDb();
  const rows = await db
    .selectFrom('bulk_item')
    .select(['state', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', id)
    .groupBy(['state', 'kind'])
    .execute();
  const byState = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemState, number>;
  const byKind = { change: 0, same: 0, invalid: 0, not_found: 0, forbidden: 0, unread: 0 };
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    byState[r.state as ItemState] += n;
    byKind[(r.kind ?? 'unread') as RowKind | 'unread'] += n;
  }
  return { total, byState, byKind };
}

export async function runItems(
  id: string,
  f: { kind?: string; state?: string; offset?: number; limit?: number } = {},
): Promise<Item[]> {
  const db = await getDb();
  let q = db.selectFrom('bulk_item').selectAll().where('run_id', '=', id);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.state) q = q.where('state', '=', f.state);
  const rows = await q
    .orderBy('line')
    .offset(f.offset ?? 0)
    .limit(f.limit ?? 100_000)
    .execute();
  return rows.map(toItem);
}

/** Moves a run from one state to another; false when it was not in `from` (someone else moved it first). */
export async function moveRun(id: string, from: RunState[], to: RunState, extra: Partial<BulkRunTable> = {}) {
  const db = await getDb();
  const r = await db
    .updateTable('bulk_run')
    .set({ ...extra, state: to, updated_at: now() })
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  const moved = Number(r.numUpdatedRows) === 1;
  if (moved) countBulkRow(to);
  return moved;
}

/** Customers that another active run still has to write: a second run may not touch them. */
export async function claimedByOtherRun(id: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectFrom('bulk_item as mine')
    .innerJoin('bulk_item as other', 'other.customer_id', 'mine.customer_id')
    .innerJoin('bulk_run as r', 'r.id', 'other.run_id')
    .select('mine.customer_id')
    .distinct()
    .where('mine.run_id', '=', id)
    .where('mine.kind', '=', 'change')
    .where('other.run_id', '!=', id)
    .where('other.kind', '=', 'change')
    .where('other.state', 'in', ['planned', 'sending'])
    .where('r.state', 'in', ['running', 'paused'])
    .limit(20)
    .execute();
  return rows.map((r) => r.customer_id);
}

/** The lease: who works on a run, until when. Taken only when free or expired. */
export async function claimRun(owner: string, leaseMs: number): Promise<Run | null> {
  const db = await getDb();
  const at = now();
  const candidates = await db
    .selectFrom('bulk_run')
    .select('id')
    .where('state', 'in', ['planning', 'running'])
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .orderBy('created_at')
    .limit(5)
    .execute();
  for (const c of candidates) {
    const r = await db
      .updateTable('bulk_run')
      .set({ owner, lease_until: new Date(Date.now() + leaseMs).toISOString(), updated_at: at })
      .where('id', '=', c.id)
      .where('state', 'in', ['planning', 'running'])
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return getRun(c.id);
  }
  return null;
}

/** Extends the lease; false when this server lost it (it then stops working on the run). */
export async function renewLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
  const db = await getDb();
  const r = await db
    .updateTable('bulk_run')
    .set({ lease_until: new Date(Date.now() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseLease(id: string, owner: string): Promise<void> {
  const db = await getDb();
  await db
    .updateTable('bulk_run')
    .set({ owner: null, lease_until: null })
    .where('id', '=', id)
    .where('owner', '=', owner)
    .execute();
}

/** Moves one row between states; false when it was not in `from`. */
export async function moveItem(
  runId: string,
  line: number,
  from: ItemState[],
  to: ItemState,
  extra: Partial<Pick<BulkItemTable, 'error' | 'audit_id' | 'kind' | 'before' | 'after' | 'errors'>> = {},
): Promise<boolean> {
  const db = await getDb();
  const r = await db
    .updateTable('bulk_item')
    .set({ ...extra, state: to, updated_at: now() })
    .where('run_id', '=', runId)
    .where('line', '=', line)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addThrottled(id: string, n: number): Promise<void> {
  if (n === 0) return;
  const db = await getDb();
  await db
    .updateTable('bulk_run')
    .set((eb) => ({ throttled: eb('throttled', '+', n) }))
    .where('id', '=', id)
    .execute();
}

export function fileHash(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
