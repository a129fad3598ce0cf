// Which fields a re-read from Flex changed against the index row it replaces, by the names the live notice
// uses (contact fields, 'shipping', 'metadata'). Pure: no I/O.
import { CONTACT_FIELDS, type Customer } from '@/lib/customers/types';

export type IndexedBefore = {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  employer: string;
  city: string;
  postal_code: string;
  country: string;
  metadata: unknown;
  /** The whole address (since migration 009), or null for a row indexed before it. */
  shipping: unknown;
};

/** JSON with object keys sorted: jsonb keeps its own key order, so plain JSON.stringify would differ. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

export function changedFields(before: IndexedBefore, after: Customer): string[] {
  const out: string[] = CONTACT_FIELDS.filter((f) => (before[f] ?? '') !== (after[f] ?? ''));
  const shippingChanged =
    before.shipping !== null && before.shipping !== undefined
      ? canonical(before.shipping) !== canonical(after.shipping ?? {})
      : before.city !== (after.shipping?.city ?? '') ||
        before.postal_code !== (after.shipping?.postal_code ?? '') ||
        before.country !== (after.shipping?.country ?? '');
  if (shippingChanged) out.push('shipping');
  if (canonical(before.metadata ?? {}) !== canonical(after.metadata ?? {})) out.push('metadata');
  return out;
}
