// Reading a bulk-correction CSV: UTF-8 (with or without BOM), comma or semicolon, quoted fields, every cell
// kept as text (postal codes keep their leading zeros, "=cmd()" stays a string). Pure: no I/O.
import Papa from 'papaparse';
import { isCustomerId } from '@/lib/customers/types';

export const CSV_LIMITS = { bytes: 5 * 1024 * 1024, rows: 10_000 } as const;

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
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';'],
    skipEmptyLines: 'greedy',
    dynamicTyping: false,
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal)
    return {
      ok: false,
      error: `Row ${(fatal.row ?? 0) + 1}: a quoted field is not closed (${fatal.message}).`,
    };
  const [head, ...data] = parsed.data;
  if (!head || head.every((c) => c.trim() === '')) return { ok: false, error: 'The file has no header row.' };
  const header = head.map((h) => h.trim());
  // A first row holding a customer id is data, not a header.
  if (header.some((h) => isCustomerId(h)))
    return {
      ok: false,
      error: 'The first row must be a header naming the columns (customer_id, line1, city, …), not data.',
    };
  if (data.length === 0) return { ok: false, error: 'The file has a header but no rows.' };
  if (data.length > CSV_LIMITS.rows)
    return {
      ok: false,
      error: `The file has ${data.length.toLocaleString('en')} rows; at most ${CSV_LIMITS.rows.toLocaleString('en')} are allowed. Split it into smaller files.`,
    };
  const long = data.findIndex(
    (r) => r.length > header.length && r.slice(header.length).some((c) => c.trim() !== ''),
  );
  if (long >= 0)
    return {
      ok: false,
      error: `Row ${long + 2} has more cells than the header has columns. Check the separators and quotes.`,
    };
  const rows = data.map((r) => header.map((_, i) => r[i] ?? ''));
  const delimiter = parsed.meta.delimiter === ';' ? ';' : ',';
  return { ok: true, file: { header, rows, delimiter } };
}
