import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CustomerView } from '@/components/customer/customer-view';
import { FlexProblem } from '@/components/customer/flex-problem';
import { requirePermission } from '@/lib/auth/guard';
import { isCustomerId } from '@/lib/customers/types';
import { tryFlex } from '@/lib/flex/errors';
import { getCustomer } from '@/lib/flex/flex';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('customer.read');
  const { id } = await params;
  if (!isCustomerId(id)) notFound();
  const result = await tryFlex(() => getCustomer(id));
  if (!result.ok) {
    if (result.failure.status === 404) notFound();
    return <FlexProblem error={result.failure} />;
  }
  return <CustomerView customer={result.value} />;
}
