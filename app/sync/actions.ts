'use server';
// Server actions of the sync page (admins only, through authAction): its live status, and starting a
// full re-walk of Flex.
import { authAction } from '@/lib/auth/guard';
import { log } from '@/lib/log/logger';
import { ok, refused, type ActionResult } from '@/lib/customers/action-result';
import { readSyncStatus, requestFullWalk, type SyncStatus } from '@/lib/sync/status';

export const fetchSyncStatus = authAction('sync.manage', async (): Promise<ActionResult<SyncStatus>> =>
  ok(await readSyncStatus()),
);

export const startFullWalk = authAction(
  'sync.manage',
  async (staff): Promise<ActionResult<{ message: string }>> => {
    const r = await requestFullWalk();
    log.info({ staffId: staff.id, outcome: r }, 'sync: full re-walk requested');
    return r === 'requested'
      ? ok({ message: 'A full walk of Flex starts within a few seconds.' })
      : refused('A full walk is already running.');
  },
);
