import type { Metadata } from 'next';
import { SyncPanel } from '@/components/sync/sync-panel';
import { requirePermission } from '@/lib/auth/guard';
import { readSyncStatus } from '@/lib/sync/status';

export const metadata: Metadata = { title: 'Customer index' };

export default async function SyncPage() {
  await requirePermission('sync.manage');
  const status = await readSyncStatus();
  return (
    <section>
      <h1 className="mb-1 text-2xl font-semibold">Customer index</h1>
      <p className="mb-4 text-sm text-muted">
        Search reads this copy of Flex&apos;s customers. It is kept true by Flex&apos;s webhooks, a poll of
        the newest customers and a regular walk of them all; Flex stays the record.
      </p>
      <SyncPanel initial={status} />
    </section>
  );
}
