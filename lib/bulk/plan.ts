// The dry run of one CSV row: the customer's current address with the mapped cells applied, checked with the
// edit page's address rules, and sorted into will change / no change / invalid / not found / not permitted.
// Pure: the caller reads the customer from Flex and passes what it found.
import { sameAddress } from '@/lib/customers/patch';
import { addressProblems, normaliseAddress } from '@/lib/customers/schema';
import { ADDRESS_FIELDS, isCustomerId, type Address, type AddressField } from '@/lib/customers/types';
import type { BlankRules, Mapping } from './mapping';

export const ROW_KINDS = ['change', 'same', 'invalid', 'not_found', 'forbidden'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

export const ROW_KIND_LABEL: Record<RowKind, string> = {
  change: 'Will change',
  same: 'No change',
  invalid: 'Invalid',
  not_found: 'Customer not found',
  forbidden: 'Not permitted',
};

export type PlannedRow = {
  /** The row's line in the file (the header is line 1). */
  line: number;
  customerId: string;
  kind: RowKind;
  /** Flex's address when the plan was made (null: none on file), or null when the customer was not read. */
  before: Address | null;
  /** The address the row asks for, as it will be sent (null: clear the address). */
  after: Address | null;
  /** Why the row cannot be applied, at its cell. */
  errors: Partial<Record<'customer_id' | AddressField, string>>;
};

/** What a row's cells ask for: the current address with each mapped cell applied (blanks per the rules). */
export function applyCells(
  current: Address | null,
  row: readonly string[],
  mapping: Mapping,
  blanks: BlankRules,
): Address {
  const next: Address = current
    ? { ...current }
    : { line1: '', line2: '', city: '', state: '', postal_code: '', country: '' };
  for (const f of ADDRESS_FIELDS) {
    const i = mapping[f];
    if (i === null) continue;
    const cell = row[i] ?? '';
    if (cell.trim() === '') {
      if (blanks[f] === 'clear') next[f] = '';
    } else next[f] = cell;
  }
  return next;
}

export type Lookup = { found: true; address: Address | null } | { found: false };

export async function planRow(
  line: number,
  row: readonly string[],
  mapping: Mapping,
  blanks: BlankRules,
  lookup: Lookup,
  permitted: boolean,
): Promise<PlannedRow> {
  const customerId = (row[mapping.customer_id ?? -1] ?? '').trim();
  const base = { line, customerId, before: null, after: null, errors: {} };
  if (!isCustomerId(customerId))
    return {
      ...base,
      kind: 'invalid',
      errors: {
        customer_id: customerId ? 'Not a Flex customer id (fcus_ and 26 characters).' : 'No customer id.',
      },
    };
  if (!lookup.found)
    return { ...base, kind: 'not_found', errors: { customer_id: 'No such customer in Flex.' } };
  const before = lookup.address;
  if (!permitted)
    return {
      ...base,
      before,
      kind: 'forbidden',
      errors: { customer_id: 'Your role cannot change addresses.' },
    };
  const wanted = applyCells(before, row, mapping, blanks);
  const after = normaliseAddress(wanted);
  if (sameAddress(after, before)) return { ...base, before, after, kind: 'same' };
  if (after === null) return { ...base, before, after, kind: 'change' };
  const problems = await addressProblems(wanted);
  if (problems.length > 0) {
    const errors: PlannedRow['errors'] = {};
    for (const p of problems) errors[p.path.replace('shipping.', '') as AddressField] ??= p.message;
    return { ...base, before, after, kind: 'invalid', errors };
  }
  return { ...base, before, after, kind: 'change' };
}

export function countByKind(rows: readonly PlannedRow[]): Record<RowKind, number> {
  const out = Object.fromEntries(ROW_KINDS.map((k) => [k, 0])) as Record<RowKind, number>;
  for (const r of rows) out[r.kind] += 1;
  return out;
}
