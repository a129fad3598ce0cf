// How field values read in review, conflict and history views.
import { countryName, formatPhone } from '@/lib/customers/format';
import { FIELD_LABEL } from '@/lib/customers/labels';
import type { PatchField } from '@/lib/customers/patch';
import type { Address } from '@/lib/customers/types';

export { FIELD_LABEL };

export function addressBlock(a: Address | null): string[] {
  if (!a) return ['(no address)'];
  return [
    a.line1,
    a.line2,
    [a.city, a.state, a.postal_code].filter(Boolean).join(' '),
    a.country ? `${countryName(a.country)} (${a.country})` : '',
  ].filter(Boolean);
}

export function showValue(field: PatchField, v: unknown): string {
  if (field === 'shipping') return addressBlock((v as Address | null) ?? null).join('\n');
  if (field === 'metadata') return JSON.stringify(v ?? {}, null, 2);
  if (field === 'phone' && typeof v === 'string') return v ? formatPhone(v) : '(empty)';
  return typeof v === 'string' && v !== '' ? v : '(empty)';
}
