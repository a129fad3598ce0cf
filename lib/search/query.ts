// What the search box asks for, as the browser needs to know it: nothing, a customer id (go straight to
// it), something that looks like an id but is not one, an email, or text for the index search.
// Pure and client-safe; the finder and the server share it. The full interpretation is lib/search/interpret.ts.
import { isCustomerId } from '@/lib/customers/types';

export type SearchQuery =
  | { kind: 'empty' }
  | { kind: 'id'; id: string }
  | { kind: 'bad_id'; raw: string }
  | { kind: 'email'; email: string }
  | { kind: 'text'; text: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseSearch(raw: string | null | undefined): SearchQuery {
  const q = (raw ?? '').trim().slice(0, 200);
  if (q === '') return { kind: 'empty' };
  if (/^fcus_/i.test(q)) {
    const id = `fcus_${q.slice(5).toUpperCase()}`;
    return isCustomerId(id) ? { kind: 'id', id } : { kind: 'bad_id', raw: q };
  }
  if (EMAIL.test(q)) return { kind: 'email', email: q };
  return { kind: 'text', text: q };
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export function pageSize(raw: string | null | undefined): number {
  const n = Number(raw);
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : 25;
}
