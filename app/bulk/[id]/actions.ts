'use server';
// Server actions of a bulk run's page: its live state, and the person's commands. Each checks origin,
// session and the bulk.run permission first (authAction).
import { authAction } from '@/lib/auth/guard';
import {
  cancelRun,
  confirmRun,
  pauseRun,
  resumeRun,
  retryFailed,
  undoRun,
  type CommandResult,
} from '@/lib/bulk/server/commands';
import { runView, type RunView } from '@/lib/bulk/server/view';
import { getRun } from '@/lib/bulk/server/runs';

const isRunId = (v: unknown): v is string => typeof v === 'string' && /^blk_[0-9A-HJKMNP-TV-Z]{26}$/.test(v);

export const fetchRunView = authAction(
  'bulk.run',
  async (_staff, id: unknown, filter: unknown): Promise<RunView | null> => {
    if (!isRunId(id)) return null;
    const f = typeof filter === 'string' && /^[a-z_]{1,20}$/.test(filter) ? filter : '';
    return runView(id, f);
  },
);

export const runCommand = authAction(
  'bulk.run',
  async (staff, id: unknown, command: unknown, fileHash: unknown): Promise<CommandResult> => {
    if (!isRunId(id)) return { ok: false, message: 'No such run.' };
    switch (command) {
      case 'confirm':
        return confirmRun(id, typeof fileHash === 'string' ? fileHash : '');
      case 'pause':
        return pauseRun(id);
      case 'resume':
        return resumeRun(id);
      case 'cancel':
        return cancelRun(id);
      case 'retry':
      case 'undo': {
        const run = await getRun(id);
        if (!run) return { ok: false, message: 'No such run.' };
        return command === 'retry' ? retryFailed(run, staff) : undoRun(run, staff);
      }
      default:
        return { ok: false, message: 'Unknown command.' };
    }
  },
);
