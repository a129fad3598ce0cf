'use server';
// Server actions of a bulk run's page: its live state, and the person's commands. Each checks origin,
// session and the bulk.run permission first (authAction).
import { authAction } from '@/lib/auth/guard';
import { requestInfo } from '@/lib/auth/request';
import type { CommandResult } from '@/lib/bulk/server/commands';
import { invalid, notFound, ok, type ActionResult } from '@/lib/customers/action-result';
import { RUN_COMMANDS, giveCommand, type RunCommand } from '@/lib/bulk/server/direct';
import { runView, type RunView } from '@/lib/bulk/server/view';

const NO_SUCH_RUN = notFound('No such run.');

const isRunId = (v: unknown): v is string => typeof v === 'string' && /^blk_[0-9A-HJKMNP-TV-Z]{26}$/.test(v);

export const fetchRunView = authAction(
  'bulk.run',
  async (_staff, id: unknown, filter: unknown): Promise<ActionResult<RunView>> => {
    if (!isRunId(id)) return NO_SUCH_RUN;
    const f = typeof filter === 'string' && /^[a-z_]{1,20}$/.test(filter) ? filter : '';
    const view = await runView(id, f);
    return view ? ok(view) : NO_SUCH_RUN;
  },
);

export const runCommand = authAction(
  'bulk.run',
  async (staff, id: unknown, command: unknown, fileHash: unknown): Promise<CommandResult> => {
    if (!isRunId(id)) return NO_SUCH_RUN;
    if (!(RUN_COMMANDS as readonly unknown[]).includes(command)) return invalid('Unknown command.');
    return giveCommand(
      staff,
      await requestInfo(),
      id,
      command as RunCommand,
      typeof fileHash === 'string' ? fileHash : '',
    );
  },
);
