// A field-by-field "before → after" list for an audit entry.
import type { Changes } from '@/lib/customers/history';
import { FIELD_LABEL } from '@/lib/customers/labels';

const LABELS: Record<string, string> = FIELD_LABEL;

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && 'line1' in v) {
    const a = v as Record<string, string>;
    return [a.line1, a.line2, a.city, a.state, a.postal_code, a.country].filter(Boolean).join(', ');
  }
  return JSON.stringify(v);
}

export function ChangesList({ changes }: { changes: Changes | null }) {
  if (!changes || Object.keys(changes).length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-sm">
      {Object.entries(changes).map(([field, c]) => (
        <li key={field}>
          <span className="font-medium">{LABELS[field] ?? field}</span>:{' '}
          <span className="text-muted line-through decoration-1">{show(c.before)}</span> →{' '}
          <span>{show(c.after)}</span>
        </li>
      ))}
    </ul>
  );
}
