'use client';
// Results and browse table. Rows are links; ↑/↓ or j/k move between rows, Enter opens one.
// Focusing or hovering a row prefetches that customer.
import { TestBadge } from '@/components/ui/mode-marker';
import { Row, Table, THead } from '@/components/ui/table';
import { displayName, formatDateTime, relativeTime } from '@/lib/customers/format';
import type { Customer } from '@/lib/customers/types';
import { CustomerLink } from './customer-link';
import { useRowKeys } from './row-keys';

export function CustomerTable({ customers, caption }: { customers: Customer[]; caption: string }) {
  const keys = useRowKeys();

  return (
    <Table size="base">
      <caption className="sr-only">{caption}</caption>
      <THead className="text-sm">
        <tr>
          <th className="py-1">Name</th>
          <th>Phone</th>
          <th>Address</th>
          <th>Created</th>
        </tr>
      </THead>
      <tbody {...keys}>
        {customers.map((c) => {
          return (
            <Row key={c.customer_id} align="middle" className="hover:bg-surface">
              <td className="py-1.5">
                <CustomerLink id={c.customer_id}>{displayName(c)}</CustomerLink>{' '}
                <TestBadge testMode={c.test_mode} />
                <div className="text-sm text-muted">{c.email}</div>
              </td>
              <td className="text-sm">{c.phone_display}</td>
              <td className="text-sm">
                {c.shipping ? (
                  [c.shipping.city, c.shipping.state, c.shipping.country].filter(Boolean).join(', ')
                ) : (
                  <span className="text-muted">No address</span>
                )}
              </td>
              <td className="text-sm">
                <time dateTime={c.created_at} title={formatDateTime(c.created_at)}>
                  {relativeTime(c.created_at)}
                </time>
              </td>
            </Row>
          );
        })}
      </tbody>
    </Table>
  );
}
