// Which field made a row a result, said in words for the results table. Pure and client-safe.
import type { SearchPlan } from './interpret';

export type MatchedField = {
  field: 'id' | 'email' | 'phone' | 'postal_code' | 'metadata' | 'name' | 'city' | 'typo';
  detail?: string;
};

export const MATCHED_LABEL: Record<MatchedField['field'], string> = {
  id: 'Customer id',
  email: 'Email',
  phone: 'Phone',
  postal_code: 'Postal code',
  metadata: 'Metadata',
  name: 'Name',
  city: 'City',
  typo: 'Similar name',
};

/** Lower case without accents, close to the database's desk_fold (unaccent + lower). */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

type Fields = { first_name: string; last_name: string; city: string; metadata: Record<string, unknown> };

export function matchedField(field: string, r: Fields, plan: SearchPlan): MatchedField {
  if (field === 'words') {
    const name = fold(`${r.first_name} ${r.last_name}`);
    const inName = plan.words.filter((w) => name.includes(fold(w))).length;
    if (inName === plan.words.length) return { field: 'name' };
    return inName === 0 ? { field: 'city' } : { field: 'name', detail: 'and city' };
  }
  if (field === 'metadata') {
    const want = fold(plan.meta?.value ?? plan.metaPart ?? '');
    const key =
      plan.meta?.key ??
      Object.entries(r.metadata ?? {}).find(
        ([, v]) => (typeof v === 'string' || typeof v === 'number') && fold(String(v)).includes(want),
      )?.[0];
    return key ? { field: 'metadata', detail: key } : { field: 'metadata' };
  }
  const known = ['id', 'email', 'phone', 'postal_code', 'name', 'city', 'typo'] as const;
  return { field: (known as readonly string[]).includes(field) ? (field as MatchedField['field']) : 'name' };
}
