import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { hostileCell } from '@/test/hostile';
import { escapeCell, toCsv } from './write';

// What a spreadsheet would treat as a formula: after leading whitespace/control characters, one of = + - @
// (or a full-width form); or a cell that starts with tab, CR or LF.
const live = (cell: string) =>
  /^[\s\u0000-\u001f\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/u.test(cell) || /^[\t\r\n]/.test(cell);

describe('toCsv', () => {
  it("escapes the review's multi-line formula that papaparse let through", () => {
    const cell = '=HYPERLINK("https://evil.example","x")\nmore';
    // Pinned on purpose: papaparse's own `escapeFormulae: true` still lets it through (its pattern's `.` stops
    // at the newline). This is why write.ts escapes cells itself; if this starts failing, papaparse is fixed.
    expect(Papa.unparse([[cell]], { escapeFormulae: true })).toContain('"=HYPERLINK');
    const [row] = Papa.parse<string[]>(toCsv([{ detail: cell }])).data.slice(1);
    expect(row).toEqual([`'${cell}`]);
  });

  it('for any cells: read back, no cell is a live formula, and each is the original or it with one apostrophe', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(hostileCell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          const rows = cells.map(([a, b, c]) => ({ a, b, c }));
          const back = Papa.parse<string[]>(toCsv(rows), { newline: '\r\n' }).data;
          expect(back[0]).toEqual(['a', 'b', 'c']);
          for (const [i, row] of cells.entries())
            for (const [j, original] of row.entries()) {
              const got = back[i + 1]?.[j] ?? '';
              expect(live(got), JSON.stringify(got)).toBe(false);
              expect(got === original || got === `'${original}`).toBe(true);
              expect(got === original).toBe(!live(original));
            }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('escapes headers too (a bulk report names its columns after the uploaded header)', () => {
    expect(escapeCell('=1+1')).toBe("'=1+1");
    expect(toCsv([{ '@x': 1 }]).split('\r\n')[0]).toBe("'@x");
  });
});
