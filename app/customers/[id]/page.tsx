import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CustomerEditor } from '@/components/customer-form/customer-editor';
import { CustomerHeader } from '@/components/customer/customer-view';
import { FlexProblem } from '@/components/customer/flex-problem';
import { customerHistory } from '@/lib/audit/query';
import { flexMode, getConfig } from '@/lib/config';
import { requirePermission } from '@/lib/auth/guard';
import { canEditField, lockReason } from '@/lib/auth/permissions';
import { PATCH_FIELDS, type PatchField } from '@/lib/customers/patch';
import { displayName } from '@/lib/customers/format';
import { isCustomerId, type Customer } from '@/lib/customers/types';
import { labelLines, loadAddressFormatter, type KnownLabel } from '@/lib/customers/address-label';
import { tryFlex } from '@/lib/flex/errors';
import type { UpstreamMeta } from '@/lib/flex/client';
import { getCustomer } from '@/lib/flex/flex';
import { rememberViewed } from '@/lib/recent/recent';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: isCustomerId(id) ? id : 'Customer' };
}

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission('customer.read');
  const { id } = await params;
  if (!isCustomerId(id)) notFound();
  const meta: UpstreamMeta = {};
  const result = await tryFlex(async () => ({ ...(await getCustomer(id, meta)), raw: meta.raw }));
  if (!result.ok) {
    if (result.failure.status === 404) notFound();
    return <FlexProblem error={result.failure} />;
  }
  const customer = result.value;
  await rememberViewed(staff.id, customer.customer_id, displayName(customer));
  const history = await customerHistory(id);
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
        initialHistory={history}
        knownLabel={await serverLabel(customer)}
        testMode={flexMode().testMode}
        reasonRequired={getConfig().editReasonRequired}
      />
    </article>
  );
}

/** The customer's address label, laid out here so the browser need not fetch the formatter to show it. */
async function serverLabel(c: Customer): Promise<KnownLabel | null> {
  if (!c.shipping) return null;
  const recipient = displayName({ first_name: c.first_name, last_name: c.last_name, email: '' });
  try {
    return {
      recipient,
      address: c.shipping,
      lines: labelLines(await loadAddressFormatter(), recipient, c.shipping),
    };
  } catch {
    return null; // the browser lays it out instead
  }
}
