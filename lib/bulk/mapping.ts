// Which CSV column feeds which field: a guess from the header, that the person can change, and its checks.
import { ADDRESS_FIELD_LABEL } from '@/lib/customers/labels';
import { ADDRESS_FIELDS, type AddressField } from '@/lib/customers/types';

export const BULK_FIELDS = ['customer_id', ...ADDRESS_FIELDS] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

/** field → column index (or null: not in the file). */
export type Mapping = Record<BulkField, number | null>;
/** What a blank cell in a mapped address column means. */
export type BlankRule = 'keep' | 'clear';
export type BlankRules = Record<AddressField, BlankRule>;

export const BULK_FIELD_LABEL: Record<BulkField, string> = {
  customer_id: 'Customer id',
  ...ADDRESS_FIELD_LABEL,
};

const ALIASES: Record<BulkField, string[]> = {
  customer_id: ['customer_id', 'customerid', 'customer', 'id', 'flex_id', 'fcus'],
  line1: [
    'line1',
    'line_1',
    'address1',
    'address_1',
    'address_line_1',
    'addressline1',
    'street',
    'street1',
    'address',
  ],
  line2: [
    'line2',
    'line_2',
    'address2',
    'address_2',
    'address_line_2',
    'addressline2',
    'street2',
    'apt',
    'suite',
  ],
  city: ['city', 'town', 'locality'],
  state: ['state', 'province', 'region', 'state_code', 'county'],
  postal_code: ['postal_code', 'postalcode', 'postcode', 'post_code', 'zip', 'zipcode', 'zip_code'],
  country: ['country', 'country_code', 'countrycode'],
};

function norm(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');
}

export function guessMapping(header: readonly string[]): Mapping {
  const taken = new Set<number>();
  const out = {} as Mapping;
  for (const f of BULK_FIELDS) {
    const i = header.findIndex((h, idx) => !taken.has(idx) && ALIASES[f].includes(norm(h)));
    out[f] = i >= 0 ? i : null;
    if (i >= 0) taken.add(i);
  }
  return out;
}

export const KEEP_BLANKS: BlankRules = {
  line1: 'keep',
  line2: 'keep',
  city: 'keep',
  state: 'keep',
  postal_code: 'keep',
  country: 'keep',
};

/** Problems with a mapping, in words; empty when it can be used. */
export function mappingProblems(m: Mapping, columns: number): string[] {
  const out: string[] = [];
  if (m.customer_id === null) out.push('Choose the column that holds the customer id.');
  if (!ADDRESS_FIELDS.some((f) => m[f] !== null)) out.push('Choose at least one address column.');
  const used = new Map<number, BulkField>();
  for (const f of BULK_FIELDS) {
    const i = m[f];
    if (i === null) continue;
    if (!Number.isInteger(i) || i < 0 || i >= columns) out.push(`${BULK_FIELD_LABEL[f]}: no such column.`);
    else if (used.has(i))
      out.push(`${BULK_FIELD_LABEL[f]} and ${BULK_FIELD_LABEL[used.get(i)!]} use the same column.`);
    else used.set(i, f);
  }
  return out;
}

/**
 * Customer ids that appear more than once, as "fcus_… (rows 3, 9)" — row numbers as in the file; an id
 * repeated often names its first rows and how many more ("rows 2, 3, 4 and 9,997 more").
 */
export function duplicateIds(rows: readonly string[][], idColumn: number): string[] {
  const seen = new Map<string, { first: number[]; count: number }>();
  rows.forEach((r, i) => {
    const id = (r[idColumn] ?? '').trim();
    if (!id) return;
    const s = seen.get(id) ?? { first: [], count: 0 };
    if (s.first.length < 3) s.first.push(i + 2);
    s.count += 1;
    seen.set(id, s);
  });
  return [...seen]
    .filter(([, s]) => s.count > 1)
    .map(
      ([id, s]) =>
        `${id} (rows ${s.first.join(', ')}${s.count > s.first.length ? ` and ${(s.count - s.first.length).toLocaleString('en')} more` : ''})`,
    );
}
