'use client';
// "As Flex returned it": the last answer from Flex, changed fields marked, differences from what was sent.
import { useState } from 'react';
import type { StoredDifference } from '@/lib/customers/conflict';
import type { PatchField } from '@/lib/customers/patch';
import type { Customer } from '@/lib/customers/types';
import { Alert } from '@/components/ui/alert';
import { SOFT_FILL } from '@/components/ui/tone';
import { addressBlock, FIELD_LABEL } from './display';

export type Returned = {
  customer: Customer;
  changed: PatchField[];
  differences: StoredDifference[];
  at: string;
} | null;

export function ReturnedPanel({ returned, fallback }: { returned: Returned; fallback: Customer }) {
  const [raw, setRaw] = useState(false);
  const c = returned?.customer ?? fallback;
  const changed = new Set(returned?.changed ?? []);
  const rows: [PatchField, string][] = [
    ['first_name', c.first_name],
    ['last_name', c.last_name],
    ['email', c.email],
    ['phone', c.phone_display],
    ['employer', c.employer],
    ['shipping', addressBlock(c.shipping).join(', ')],
    ['metadata', JSON.stringify(c.metadata)],
  ];
  return (
    <section aria-labelledby="returned-title" className="rounded border border-line p-4">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="returned-title" className="font-semibold">
          As Flex returned it
        </h2>
        <button
          type="button"
          aria-pressed={raw}
          onClick={() => setRaw(!raw)}
          className="min-h-6 rounded border border-line px-2 text-sm"
        >
          Raw JSON
        </button>
      </div>
      <p className="mb-2 text-sm text-muted">
        {returned
          ? `The answer to your save at ${new Date(returned.at).toLocaleTimeString()}.`
          : 'As loaded from Flex.'}
      </p>
      {returned && returned.differences.length > 0 && (
        <Alert tone="warning" role={null} as="ul" pad="sm" className="mb-2 text-sm">
          {returned.differences.map((d) => (
            <li key={d.path}>
              Flex stored {d.path.replace('shipping.', '')} as “
              {typeof d.stored === 'string' ? d.stored : JSON.stringify(d.stored)}” (you sent “
              {typeof d.sent === 'string' ? d.sent : JSON.stringify(d.sent)}”).
            </li>
          ))}
        </Alert>
      )}
      {raw ? (
        <pre className="max-h-96 overflow-auto rounded bg-surface p-2 font-mono text-xs">
          {JSON.stringify(c.raw ?? c, null, 2)}
        </pre>
      ) : (
        <dl className="text-sm">
          {rows.map(([f, v]) => (
            <div
              key={f}
              className={`grid grid-cols-[8rem_1fr] gap-2 py-0.5 ${changed.has(f) ? `rounded ${SOFT_FILL.success}` : ''}`}
            >
              <dt className="text-muted">
                {FIELD_LABEL[f]}
                {changed.has(f) && <span className="ml-1 text-xs font-semibold text-success">changed</span>}
              </dt>
              <dd className="break-words">{v || <span className="text-muted">None</span>}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
