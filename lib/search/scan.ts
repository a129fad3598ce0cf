// The name search: walks the customer list newest first, 100 a page, and yields matches as it finds
// them, within a cap on pages and on time, so the scope searched can be said plainly.
import type { Customer } from '@/lib/customers/types';
import { matchesText } from './query';

export type ScanEvent =
  | { type: 'match'; customer: Customer }
  | { type: 'progress'; scanned: number }
  | { type: 'done'; scanned: number; complete: boolean; reason: 'end' | 'pages' | 'time' | 'matches' };

export type ScanOptions = {
  tokens: string[];
  fetchPage: (startingAfter: string | undefined) => Promise<Customer[]>;
  pageSize?: number;
  maxPages?: number;
  maxMs?: number;
  maxMatches?: number;
  now?: () => number;
};

export async function* scanCustomers(o: ScanOptions): AsyncGenerator<ScanEvent> {
  const pageSize = o.pageSize ?? 100;
  const maxPages = o.maxPages ?? 20;
  const maxMs = o.maxMs ?? 10_000;
  const maxMatches = o.maxMatches ?? 200;
  const now = o.now ?? Date.now;
  const started = now();
  let cursor: string | undefined;
  let scanned = 0;
  let matches = 0;
  for (let page = 0; page < maxPages; page++) {
    if (page > 0 && now() - started > maxMs) {
      yield { type: 'done', scanned, complete: false, reason: 'time' };
      return;
    }
    const rows = await o.fetchPage(cursor);
    scanned += rows.length;
    for (const c of rows) {
      if (matchesText(c, o.tokens)) {
        matches += 1;
        yield { type: 'match', customer: c };
        if (matches >= maxMatches) {
          yield { type: 'done', scanned, complete: false, reason: 'matches' };
          return;
        }
      }
    }
    yield { type: 'progress', scanned };
    if (rows.length < pageSize) {
      yield { type: 'done', scanned, complete: true, reason: 'end' };
      return;
    }
    cursor = rows[rows.length - 1]?.customer_id;
  }
  yield { type: 'done', scanned, complete: false, reason: 'pages' };
}
