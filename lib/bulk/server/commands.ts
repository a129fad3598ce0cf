// What a person does to a run: start a dry run from a file, confirm the plan, pause, resume, cancel,
// retry the failed rows, undo the run. Each checks the run's state with a conditional update.
import 'server-only';
import { invalid, notFound, ok, refused, type ActionResult } from '@/lib/customers/action-result';
import type { Staff } from '@/lib/auth/staff';
import { inverseOf } from '@/lib/customers/inverse';
import type { EditReason } from '@/lib/customers/reason';
import { readCsv } from '../csv';
import { duplicateIds, mappingProblems, type BlankRules, type Mapping } from '../mapping';
import { createRun, fileHash, getRun, claimedByOtherRun, moveRun, runItems, type Run } from './runs';
import { db as getDb } from '@/lib/db/database';
import { ACTIVE_RUN_STATES, UNDOABLE_RUN_STATES } from '@/lib/shared/bulk-states';

/** A command's answer: the run to show next (the same one, or a new retry/undo run), or why not. */
export type CommandResult = ActionResult<{ runId: string }>;

export async function startDryRun(input: {
  staff: Staff;
  testMode: boolean;
  fileName: string;
  bytes: Uint8Array;
  mapping: Mapping;
  blanks: BlankRules;
  reason: EditReason | null;
}): Promise<CommandResult> {
  const read = await readCsv(input.bytes);
  if (!read.ok) return invalid(read.error);
  const { header, rows } = read.file;
  const problems = mappingProblems(input.mapping, header.length);
  if (problems.length > 0) return invalid(problems.join(' '));
  const dups = duplicateIds(rows, input.mapping.customer_id!);
  if (dups.length > 0)
    return invalid(
      `Each customer may appear once; ${dups.length.toLocaleString('en')} ${dups.length === 1 ? 'appears' : 'appear'} more than once: ${dups.slice(0, 5).join('; ')}${dups.length > 5 ? ` and ${(dups.length - 5).toLocaleString('en')} more customers` : ''}.`,
    );
  const runId = await createRun({
    kind: 'apply',
    staff: input.staff,
    testMode: input.testMode,
    fileName: input.fileName,
    fileHash: fileHash(input.bytes),
    header,
    mapping: input.mapping,
    blanks: input.blanks,
    reason: input.reason,
    items: rows.map((cells, i) => ({
      line: i + 2,
      customerId: (cells[input.mapping.customer_id!] ?? '').trim().slice(0, 100),
      cells,
    })),
  });
  return ok({ runId });
}

/** Freezes the plan and starts applying it: rows that will not change are skipped now. */
export async function confirmRun(
  runId: string,
  fileHashSeen: string,
  by: Pick<Staff, 'id' | 'email' | 'role'>,
): Promise<CommandResult> {
  const run = await getRun(runId);
  if (!run) return notFound('No such run.');
  if (run.state !== 'planned') return refused('Only a finished dry run can be applied.');
  if (run.fileHash !== fileHashSeen)
    return refused('This plan is not the one you reviewed. Reload the page.');
  const held = await claimedByOtherRun(runId);
  if (held.length > 0)
    return refused(
      `Another run still has to write ${held.length === 20 ? 'at least 20' : held.length} of these customers (${held.slice(0, 3).join(', ')}…). Wait for it to finish or cancel it.`,
    );
  const db = await getDb();
  const confirmed = await db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('bulk_run')
      .set({
        state: 'running',
        confirmed_at: new Date().toISOString(),
        confirmed_by: by.id,
        confirmed_by_email: by.email,
        confirmed_by_role: by.role,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', runId)
      .where('state', '=', 'planned')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable('bulk_item')
      .set({ state: 'skipped', updated_at: new Date().toISOString() })
      .where('run_id', '=', runId)
      .where('state', '=', 'planned')
      .where('kind', '!=', 'change')
      .execute();
    return true;
  });
  return confirmed ? ok({ runId }) : refused('The run was changed meanwhile. Reload the page.');
}

export async function pauseRun(runId: string): Promise<CommandResult> {
  return (await moveRun(runId, ['running'], 'paused'))
    ? ok({ runId })
    : refused('Only a running run can be paused.');
}

export async function resumeRun(runId: string): Promise<CommandResult> {
  return (await moveRun(runId, ['paused'], 'running'))
    ? ok({ runId })
    : refused('Only a paused run can be resumed.');
}

/** Stops a run: rows not yet sent are skipped; rows already sent keep their outcome. */
export async function cancelRun(runId: string): Promise<CommandResult> {
  const db = await getDb();
  const cancelled = await moveRun(runId, [...ACTIVE_RUN_STATES], 'cancelled', {
    finished_at: new Date().toISOString(),
  });
  if (!cancelled) return refused('This run has already ended.');
  await db
    .updateTable('bulk_item')
    .set({ state: 'skipped', updated_at: new Date().toISOString() })
    .where('run_id', '=', runId)
    .where('state', 'in', ['unread', 'planned'])
    .execute();
  return ok({ runId });
}

/** What a follow-up run (retry, undo) takes from the run it follows. */
function followUp(run: Run, staff: Staff, kind: 'retry' | 'undo') {
  return {
    kind,
    parentId: run.id,
    staff,
    testMode: run.testMode,
    fileName: run.fileName,
    fileHash: run.fileHash,
    header: run.header,
    mapping: run.mapping,
    blanks: run.blanks,
  };
}

/** A new dry run of just the rows that failed. */
export async function retryFailed(run: Run, staff: Staff): Promise<CommandResult> {
  // A run still writing may fail more rows (or retry them itself): retried once it stands still.
  if (!UNDOABLE_RUN_STATES.includes(run.state))
    return refused('Pause or finish the run before retrying its failed rows.');
  const failed = await runItems(run.id, { state: 'failed' });
  if (failed.length === 0) return refused('No failed rows to retry.');
  const runId = await createRun({
    ...followUp(run, staff, 'retry'),
    reason: run.reason,
    items: failed.map((i) => ({ line: i.line, customerId: i.customerId, cells: i.cells })),
  });
  return ok({ runId });
}

/**
 * Undo: for each row written, the inverse change as a planned run to review and confirm. Its conflict check
 * compares Flex's address with what the run wrote, so rows changed since become conflicts and are left alone.
 */
export async function undoRun(run: Run, staff: Staff): Promise<CommandResult> {
  if (!UNDOABLE_RUN_STATES.includes(run.state)) return refused('Pause or finish the run before undoing it.');
  const done = await runItems(run.id, { state: 'done' });
  if (done.length === 0) return refused('This run wrote nothing to undo.');
  const runId = await createRun({
    ...followUp(run, staff, 'undo'),
    reason: {
      code: run.reason?.code ?? null,
      detail: `Undo of bulk run ${run.id}`,
      ticket: run.reason?.ticket ?? '',
    },
    items: done.map((i) => {
      // The row's written change taken back, as every revert and undo takes a change back.
      const back = inverseOf({ shipping: { before: i.before, after: i.after } });
      return {
        line: i.line,
        customerId: i.customerId,
        cells: i.cells,
        planned: {
          kind: 'change' as const,
          before: back.base.shipping ?? null,
          after: back.patch.shipping ?? null,
          errors: {},
        },
      };
    }),
  });
  return ok({ runId });
}
