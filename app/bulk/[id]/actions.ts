'use server';
// Server actions of a bulk run's page: its live state, and the person's commands. Each checks origin,
// session and the bulk.run permission first (authAction).
import { authAction } from '@/lib/auth/guard';
import { requestInfo } from '@/lib/auth/request';
import type { CommandResult } from '@/lib/bulk/commands';
import { RUN_COMMANDS, giveCommand, type RunCommand } from '@/lib/bulk/direct';
import { runView, type RunView } from '@/lib/bulk/view';

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
    if (!(RUN_COMMANDS as readonly unknown[]).includes(command))
      return { ok: false, message: 'Unknown command.' };
    return giveCommand(
      staff,
      await requestInfo(),
      id,
      command as RunCommand,
      typeof fileHash === 'string' ? fileHash : '',
    );
  },
);
