import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RunView } from '@/components/bulk/run-view';
import { requirePermission } from '@/lib/auth/guard';
import { runView } from '@/lib/bulk/server/view';

export const metadata: Metadata = { title: 'Bulk run' };

export default async function BulkRunPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('bulk.run');
  const { id } = await params;
  if (!/^blk_[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) notFound();
  const view = await runView(id, '');
  if (!view) notFound();
  return <RunView initial={view} />;
}
