// What the search box means: a customer id, an email, or text to match against names and emails.
// Pure and client-safe; the finder and the server share it.
import { isCustomerId, type Customer } from '@/lib/customers/types';

export type SearchQuery =
  | { kind: 'empty' }
  | { kind: 'id'; id: string }
  | { kind: 'bad_id'; raw: string }
  | { kind: 'email'; email: string }
  | { kind: 'text'; text: string; tokens: string[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function parseSearch(raw: string | null | undefined): SearchQuery {
  const q = (raw ?? '').trim().slice(0, 200);
  if (q === '') return { kind: 'empty' };
  if (/^fcus_/i.test(q)) {
    const id = `fcus_${q.slice(5).toUpperCase()}`;
    return isCustomerId(id) ? { kind: 'id', id } : { kind: 'bad_id', raw: q };
  }
  if (EMAIL.test(q)) return { kind: 'email', email: q };
  const tokens = fold(q).split(/\s+/).filter(Boolean);
  return { kind: 'text', text: q, tokens };
}

/** Every token appears in the name or email, ignoring case and accents ("amelie" finds "Amélie"). */
export function matchesText(
  c: Pick<Customer, 'first_name' | 'last_name' | 'email'>,
  tokens: string[],
): boolean {
  const hay = fold(`${c.first_name} ${c.last_name} ${c.email}`);
  return tokens.every((t) => hay.includes(t));
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export function pageSize(raw: string | null | undefined): number {
  const n = Number(raw);
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : 25;
}
