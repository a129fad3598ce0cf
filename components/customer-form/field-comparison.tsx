// One field's values side by side (when opened / now in Flex / yours), as the conflict view and the live
// notice both show them.
import type { PatchField } from '@/lib/customers/patch';
import { showValue } from './display';

export type Column = { label: string; value: unknown };

export function FieldComparison({ field, columns }: { field: PatchField; columns: Column[] }) {
  return (
    <dl className="grid gap-2 text-sm md:grid-cols-3">
      {columns.map((c) => (
        <div key={c.label}>
          <dt className="text-muted">{c.label}</dt>
          <dd className="break-words whitespace-pre-wrap">{showValue(field, c.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
