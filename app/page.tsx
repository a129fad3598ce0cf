import Link from 'next/link';
import { FlexProblem } from '@/components/customer/flex-problem';
import { displayName, formatDateTime, relativeTime, shortAddress } from '@/lib/customers/format';
import { requirePermission } from '@/lib/auth/guard';
import { tryFlex } from '@/lib/flex/errors';
import { listCustomers } from '@/lib/flex/flex';

export default async function Home() {
  await requirePermission('customer.read');
  const result = await tryFlex(() => listCustomers({ limit: 25 }));
  if (!result.ok) return <FlexProblem error={result.failure} />;
  const customers = result.value;
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Newest customers</h1>
      <table className="w-full text-left">
        <thead className="text-sm text-muted">
          <tr>
            <th className="py-1">Name</th>
            <th>Address</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {customers.map((c) => (
            <tr key={c.customer_id} className="border-t border-line">
              <td className="py-1.5">
                <Link href={`/customers/${c.customer_id}`} className="font-semibold text-accent underline-offset-2 hover:underline">
                  {displayName(c)}
                </Link>
                <div className="text-sm text-muted">{c.email}</div>
              </td>
              <td>{shortAddress(c.shipping)}</td>
              <td title={formatDateTime(c.created_at)}>{relativeTime(c.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
