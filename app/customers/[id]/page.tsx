import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { after } from 'next/server';
import { CustomerEditor } from '@/components/customer-form/customer-editor';
import { HistoryItems } from '@/components/customer-form/history-items';
import { CustomerHeader } from '@/components/customer/customer-view';
import { FlexProblem } from '@/components/customer/flex-problem';
import { flexMode, getConfig } from '@/lib/config';
import { requirePermission } from '@/lib/auth/guard';
import { canEditField, lockReason } from '@/lib/auth/permissions';
import { PATCH_FIELDS, type PatchField } from '@/lib/customers/patch';
import { displayName } from '@/lib/customers/format';
import { isCustomerId } from '@/lib/customers/types';
import { log } from '@/lib/log/logger';
import { loadCustomerPage } from '@/lib/pages/customer-page';
import { rememberViewed } from '@/lib/recent/recent';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: isCustomerId(id) ? id : 'Customer' };
}

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission('customer.read');
  const { id } = await params;
  if (!isCustomerId(id)) notFound();
  // Taken before Flex is read: a change indexed after it may not be in what this page shows.
  const readAt = new Date().toISOString();
  const page = await loadCustomerPage(id);
  if (!page.ok) {
    if (page.failure.status === 404) notFound();
    return <FlexProblem error={page.failure} />;
  }
  const { customer, history, label } = page;
  // "Recently viewed" is written after the page is sent: it is not on the way to the person.
  after(() =>
    rememberViewed(staff.id, customer.customer_id, displayName(customer)).catch((e: unknown) =>
      log.warn({ err: e instanceof Error ? e.message : String(e) }, 'recently viewed not recorded'),
    ),
  );
  const editable = Object.fromEntries(PATCH_FIELDS.map((f) => [f, canEditField(staff.role, f)])) as Record<
    PatchField,
    boolean
  >;
  const reasons = Object.fromEntries(PATCH_FIELDS.map((f) => [f, lockReason(f)])) as Record<
    PatchField,
    string
  >;
  return (
    <article>
      <CustomerHeader customer={customer} />
      <CustomerEditor
        key={customer.customer_id}
        initial={customer}
        editable={editable}
        lockReasons={reasons}
        historyView={<HistoryItems entries={history} />}
        historyCount={history.length}
        knownLabel={label}
        testMode={flexMode().testMode}
        reasonRequired={getConfig().editReasonRequired}
        readAt={readAt}
      />
    </article>
  );
}
