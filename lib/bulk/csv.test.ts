import { describe, expect, it } from 'vitest';
import { CSV_LIMITS, readCsv } from './csv';
import { duplicateIds, guessMapping, mappingProblems } from './mapping';

const enc = (s: string) => new TextEncoder().encode(s);
const ID = 'fcus_01HACM7FZ1084XB1GB6053VM0D';

describe('readCsv', () => {
  it('reads UTF-8 with a BOM, keeps every cell as text (leading zeros, formulas)', async () => {
    const r = await readCsv(enc(`\uFEFFcustomer_id,zip,city\n${ID},02108,=HYPERLINK("x")\n`));
    if (!r.ok) throw new Error(r.error);
    expect(r.file.header).toEqual(['customer_id', 'zip', 'city']);
    expect(r.file.rows).toEqual([[ID, '02108', '=HYPERLINK("x")']]);
  });

  it('reads semicolons and quoted fields with separators, quotes and line breaks inside', async () => {
    const r = await readCsv(enc(`id;line1;city\n${ID};"1 Main St; Apt ""B""\nrear";Austin\n`));
    if (!r.ok) throw new Error(r.error);
    expect(r.file.delimiter).toBe(';');
    expect(r.file.rows[0]).toEqual([ID, '1 Main St; Apt "B"\nrear', 'Austin']);
  });

  it('refuses what it cannot read, with the reason', async () => {
    const latin1 = new Uint8Array([
      ...enc('id,city\n'),
      ...enc(ID),
      0x2c,
      0x4d,
      0xfc,
      0x6e,
      0x63,
      0x68,
      0x65,
      0x6e,
    ]);
    expect(await readCsv(latin1)).toEqual({ ok: false, error: expect.stringMatching(/not UTF-8/) });
    expect(await readCsv(enc(''))).toEqual({ ok: false, error: 'The file is empty.' });
    expect(await readCsv(enc(`${ID},Austin\n${ID},Dallas\n`))).toEqual({
      ok: false,
      error: expect.stringMatching(/must be a header/),
    });
    expect(await readCsv(enc('id,city\n'))).toEqual({ ok: false, error: expect.stringMatching(/no rows/) });
    const many = `id,city\n${`${ID},X\n`.repeat(10_001)}`;
    expect(await readCsv(enc(many))).toEqual({
      ok: false,
      error: expect.stringMatching(/10,001 rows; at most 10,000/),
    });
    expect(await readCsv(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41))).toEqual({
      ok: false,
      error: expect.stringMatching(/larger than 5 MB/),
    });
    expect(await readCsv(enc(`id,city\n${ID},Austin,extra\n`))).toEqual({
      ok: false,
      error: expect.stringMatching(/Row 2 has more cells/),
    });
  });
});

describe('mapping', () => {
  it('guesses columns from common header names', () => {
    expect(
      guessMapping(['Customer ID', 'Address1', 'Address 2', 'Town', 'Province', 'ZIP', 'Country Code']),
    ).toEqual({
      customer_id: 0,
      line1: 1,
      line2: 2,
      city: 3,
      state: 4,
      postal_code: 5,
      country: 6,
    });
    expect(guessMapping(['id', 'street', 'postcode', 'notes'])).toMatchObject({
      customer_id: 0,
      line1: 1,
      postal_code: 2,
      city: null,
    });
  });

  it('needs an id column and one address column, each column used once', () => {
    const m = guessMapping(['notes', 'comment']);
    expect(mappingProblems(m, 2)).toEqual([
      'Choose the column that holds the customer id.',
      'Choose at least one address column.',
    ]);
    expect(mappingProblems({ ...guessMapping(['id', 'city']), line1: 1 }, 2)).toEqual([
      'City and Address line 1 use the same column.',
    ]);
  });

  it('names the rows of a duplicate customer id', () => {
    expect(duplicateIds([[ID], ['x'], [ID]], 0)).toEqual([`${ID} (rows 2, 4)`]);
  });
});

describe('caps, checked before any row is padded or kept', () => {
  it('refuses too many columns, naming the limit, however few the rows', () => {
    const bomb = `${Array.from({ length: 60_000 }, (_, i) => `c${i}`).join(',')}\n${'x\n'.repeat(10_000)}`;
    // Refused at the header row: the 10,000 rows are never padded (this once ran the server out of memory).
    expect(readCsv(enc(bomb))).toEqual({
      ok: false,
      error: expect.stringMatching(/60,000 columns; at most 50 are allowed/),
    });
    expect(readCsv(enc(`${Array.from({ length: 51 }, (_, i) => `c${i}`).join(',')}\nx\n`))).toEqual({
      ok: false,
      error: expect.stringMatching(/51 columns; at most 50/),
    });
  });

  it('refuses more cells than the cap (rows × columns), naming the limit', () => {
    const cols = 40;
    const rows = Math.floor(CSV_LIMITS.cells / cols) + 1;
    const csv = `${Array.from({ length: cols }, (_, i) => `c${i}`).join(',')}\n${`${ID}${','.repeat(cols - 1)}\n`.repeat(rows)}`;
    expect(readCsv(enc(csv))).toEqual({
      ok: false,
      error: expect.stringMatching(/more than 200,000 cells \(rows × columns\); at most 200,000/),
    });
  });

  it('accepts the largest file within every cap', () => {
    const cols = 20;
    const csv = `${Array.from({ length: cols }, (_, i) => `c${i}`).join(',')}\n${`${ID},${'abcdefghijklmnopqrst,'.repeat(cols - 2)}x\n`.repeat(CSV_LIMITS.rows)}`;
    const r = readCsv(enc(csv));
    if (!r.ok) throw new Error(r.error);
    expect(r.file.rows).toHaveLength(CSV_LIMITS.rows);
    expect(r.file.rows.every((row) => row.length === cols)).toBe(true);
  });

  it('a customer id repeated 10,000 times names its first rows and a count', () => {
    const dups = duplicateIds(
      Array.from({ length: 10_000 }, () => [ID]),
      0,
    );
    expect(dups).toEqual([`${ID} (rows 2, 3, 4 and 9,997 more)`]);
  });
});
