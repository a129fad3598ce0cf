// Every CSV the desk writes (audit export, bulk report) goes through here, so no cell reaches a spreadsheet
// as a formula. papaparse's own `escapeFormulae` tests /^[=+\-@\t\r].*$/, which fails on a value holding a
// newline (`.` does not match it), so `=HYPERLINK(…)\n` went out as a live formula; this checks the start only.
// papaparse also takes a RegExp there, but it then quotes every cell it escapes; escaping here first (with
// `escapeFormulae: false`) keeps the one rule for headers and cells and the file as plain as it can be.
import Papa from 'papaparse';

// Spreadsheets start a formula at = + - @ (and their full-width forms, which some normalise), and skip
// leading whitespace and control characters before deciding; tab, CR and LF can also start a new cell.
const FORMULA = /^[\s\u0000-\u001f\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/u;

/** A cell as text, with a leading apostrophe when a spreadsheet could read it as a formula. */
export function escapeCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return FORMULA.test(text) ? `'${text}` : text;
}

/** Rows (objects with the same keys, in column order) → CSV text, every cell escaped. */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const fields = columns ?? Object.keys(rows[0] ?? {});
  return Papa.unparse(
    { fields: [...fields].map(escapeCell), data: rows.map((r) => fields.map((f) => escapeCell(r[f]))) },
    { escapeFormulae: false, newline: '\r\n' },
  );
}

/** A CSV file download: never cached, saved under `fileName`. */
export function csvDownload(csv: string, fileName: string): Response {
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}
