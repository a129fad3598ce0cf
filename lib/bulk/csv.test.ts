import { describe, expect, it } from 'vitest';
import { readCsv } from './csv';
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
