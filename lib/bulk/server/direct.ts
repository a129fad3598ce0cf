// A person's command on a bulk run: who may give it, and an audit row naming who gave it, whatever the
// answer. Pause and cancel are a safety stop anyone with bulk.run may pull; confirm, resume, retry and undo
// make or restart writes, so they are for the person who planned the run, or an admin.
import 'server-only';
import { notFound, refused } from '@/lib/customers/action-result';
import { appendAudit, type AuditAction, type RequestMeta } from '@/lib/audit/audit';
import type { Staff } from '@/lib/auth/staff';
import {
  cancelRun,
  confirmRun,
  pauseRun,
  resumeRun,
  retryFailed,
  undoRun,
  type CommandResult,
} from './commands';
import { getRun, type Run } from './runs';

export const RUN_COMMANDS = ['confirm', 'pause', 'resume', 'cancel', 'retry', 'undo'] as const;
export type RunCommand = (typeof RUN_COMMANDS)[number];

const SAFETY_STOPS: readonly RunCommand[] = ['pause', 'cancel'];

/** Whether this person may give this command on this run (the bulk.run permission is checked before). */
export function mayDirect(
  staff: Pick<Staff, 'id' | 'role'>,
  run: Pick<Run, 'createdBy'>,
  command: RunCommand,
) {
  return SAFETY_STOPS.includes(command) || staff.role === 'admin' || run.createdBy === staff.id;
}

export async function giveCommand(
  staff: Staff,
  request: RequestMeta,
  runId: string,
  command: RunCommand,
  fileHash: string,
): Promise<CommandResult> {
  const run = await getRun(runId);
  if (!run) return notFound('No such run.');
  const audit = (outcome: 'success' | 'rejected', detail: string) =>
    appendAudit({
      actor: { id: staff.id, email: staff.email, role: staff.role },
      request,
      action: `bulk.${command}` as AuditAction,
      outcome,
      bulkRunId: run.id,
      detail: `${detail} (run planned by ${run.createdByEmail})`,
    });
  if (!mayDirect(staff, run, command)) {
    await audit('rejected', 'not the run’s owner or an admin');
    return refused(
      `Only ${run.createdByEmail}, who planned this run, or an admin may ${command} it. Anyone may pause or cancel it.`,
    );
  }
  const r = await run_(run, command, fileHash, staff);
  await audit(
    r.ok ? 'success' : 'rejected',
    r.ok ? (r.value.runId === run.id ? command : `${command}: new run ${r.value.runId}`) : r.message,
  );
  return r;
}

function run_(run: Run, command: RunCommand, fileHash: string, staff: Staff): Promise<CommandResult> {
  switch (command) {
    case 'confirm':
      return confirmRun(run.id, fileHash, staff);
    case 'pause':
      return pauseRun(run.id);
    case 'resume':
      return resumeRun(run.id);
    case 'cancel':
      return cancelRun(run.id);
    case 'retry':
      return retryFailed(run, staff);
    case 'undo':
      return undoRun(run, staff);
  }
}
