// Reading a bulk-correction CSV: UTF-8 (with or without BOM), comma or semicolon, quoted fields, every cell
// kept as text (postal codes keep their leading zeros, "=cmd()" stays a string). Pure: no I/O.
import Papa from 'papaparse';
import { isCustomerId } from '@/lib/customers/types';

// The caps are checked row by row while parsing, before any row is padded or kept, so a file cannot make the
// server hold more than `cells` cells: a header of 60,000 columns over 10,000 short rows once ran the app
// server out of memory padding every row to the header's width.
export const CSV_LIMITS = { bytes: 5 * 1024 * 1024, rows: 10_000, columns: 50, cells: 200_000 } as const;

const n = (x: number) => x.toLocaleString('en');

export type CsvFile = {
  header: string[];
  /** Data rows, each as long as the header (short rows padded with ''). */
  rows: string[][];
  delimiter: ',' | ';';
};
export type CsvResult = { ok: true; file: CsvFile } | { ok: false; error: string };

/** Runs in the browser (for the mapping step) and again on the server, which trusts only its own reading. */
export function readCsv(bytes: Uint8Array): CsvResult {
  if (bytes.byteLength === 0) return { ok: false, error: 'The file is empty.' };
  if (bytes.byteLength > CSV_LIMITS.bytes)
    return {
      ok: false,
      error: `The file is larger than 5 MB (${(bytes.byteLength / 1048576).toFixed(1)} MB).`,
    };
  let text: string;
  try {
    // `fatal`: a file in another encoding (Excel's Windows-1252, UTF-16) is refused, never misread.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return {
      ok: false,
      error: 'The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.',
    };
  }
  if (text.includes('\u0000'))
    return { ok: false, error: 'The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.' };
  let header: string[] | null = null;
  const rows: string[][] = [];
  let dataRows = 0;
  let problem: string | null = null;
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';'],
    skipEmptyLines: 'greedy',
    dynamicTyping: false,
    step: (result, parser) => {
      const r = result.data;
      if (problem) return;
      if (result.errors.some((e) => e.type === 'Quotes')) {
        problem = `Row ${dataRows + (header ? 2 : 1)}: a quoted field is not closed (${result.errors[0]!.message}).`;
        return parser.abort();
      }
      if (!header) {
        if (r.length > CSV_LIMITS.columns) {
          problem = `The file has ${n(r.length)} columns; at most ${CSV_LIMITS.columns} are allowed. Keep the id and address columns only.`;
          return parser.abort();
        }
        header = r.map((h) => h.trim());
        return;
      }
      dataRows += 1;
      // Past the row cap, rows are counted (to say how many) but no longer kept.
      if (dataRows > CSV_LIMITS.rows) return;
      if (r.length > header.length && r.slice(header.length).some((c) => c.trim() !== '')) {
        problem = `Row ${dataRows + 1} has more cells than the header has columns. Check the separators and quotes.`;
        return parser.abort();
      }
      if (dataRows * header.length > CSV_LIMITS.cells) {
        problem = `The file has more than ${n(CSV_LIMITS.cells)} cells (rows × columns); at most ${n(CSV_LIMITS.cells)} are allowed. Remove unused columns or split it into smaller files.`;
        return parser.abort();
      }
      rows.push(r.length === header.length ? r : header.map((_, i) => r[i] ?? ''));
    },
  });
  if (problem) return { ok: false, error: problem };
  if (!header || (header as string[]).every((c) => c === ''))
    return { ok: false, error: 'The file has no header row.' };
  const head: string[] = header;
  // A first row holding a customer id is data, not a header.
  if (head.some((h) => isCustomerId(h)))
    return {
      ok: false,
      error: 'The first row must be a header naming the columns (customer_id, line1, city, …), not data.',
    };
  if (dataRows === 0) return { ok: false, error: 'The file has a header but no rows.' };
  if (dataRows > CSV_LIMITS.rows)
    return {
      ok: false,
      error: `The file has ${n(dataRows)} rows; at most ${n(CSV_LIMITS.rows)} are allowed. Split it into smaller files.`,
    };
  const delimiter = parsed.meta.delimiter === ';' ? ';' : ',';
  return { ok: true, file: { header: head, rows, delimiter } };
}
