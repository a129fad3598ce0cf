// The read-only customer: every field, the address, the metadata, as Flex holds it.
import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { TestBadge } from '@/components/ui/mode-marker';
import {
  addressLines,
  countryName,
  displayName,
  formatDate,
  formatDateTime,
  formatPhone,
} from '@/lib/customers/format';
import { FIELD_LABEL } from '@/lib/customers/labels';
import type { Customer } from '@/lib/customers/types';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1">
      <dt className="text-muted">{label}</dt>
      <dd className="break-words">{children || <span className="text-muted">None</span>}</dd>
    </div>
  );
}

export function CustomerHeader({ customer }: { customer: Customer }) {
  return (
    <header className="mb-4 flex flex-wrap items-baseline gap-x-3 gap-y-1">
      <h1 className="text-2xl font-semibold">{displayName(customer)}</h1>
      <code className="font-mono text-sm text-muted">{customer.customer_id}</code>
      <CopyButton value={customer.customer_id} label="Copy the customer id" />
      <span className="text-sm text-muted" title={formatDateTime(customer.created_at)}>
        created {formatDate(customer.created_at)}
      </span>
      <TestBadge testMode={customer.test_mode} />
    </header>
  );
}

export function CustomerView({ customer }: { customer: Customer }) {
  return (
    <article>
      <CustomerHeader customer={customer} />
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="contact-h" className="rounded border border-line p-4">
          <h2 id="contact-h" className="mb-2 font-semibold">
            Contact
          </h2>
          <dl>
            <Row label={FIELD_LABEL.first_name}>{customer.first_name}</Row>
            <Row label={FIELD_LABEL.last_name}>{customer.last_name}</Row>
            <Row label={FIELD_LABEL.email}>{customer.email}</Row>
            <Row label={FIELD_LABEL.phone}>{formatPhone(customer.phone)}</Row>
            <Row label={FIELD_LABEL.employer}>{customer.employer}</Row>
          </dl>
        </section>
        <section aria-labelledby="shipping-h" className="rounded border border-line p-4">
          <h2 id="shipping-h" className="mb-2 font-semibold">
            Shipping address
          </h2>
          {customer.shipping ? (
            <address className="not-italic">
              {addressLines(customer.shipping).map((l) => (
                <div key={l}>{l}</div>
              ))}
              <div className="mt-1 text-sm text-muted">
                {countryName(customer.shipping.country)} · address id{' '}
                <code className="font-mono">{customer.shipping_address_id}</code>
              </div>
            </address>
          ) : (
            <p className="text-muted">No address on file.</p>
          )}
        </section>
        <section aria-labelledby="metadata-h" className="rounded border border-line p-4 md:col-span-2">
          <h2 id="metadata-h" className="mb-2 font-semibold">
            Metadata
          </h2>
          {Object.keys(customer.metadata).length === 0 ? (
            <p className="text-muted">No metadata.</p>
          ) : (
            <pre className="overflow-x-auto rounded bg-surface p-3 font-mono text-sm">
              {JSON.stringify(customer.metadata, null, 2)}
            </pre>
          )}
        </section>
      </div>
    </article>
  );
}
