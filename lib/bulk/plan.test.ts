import { describe, expect, it } from 'vitest';
import type { Address } from '@/lib/customers/types';
import { guessMapping, KEEP_BLANKS } from './mapping';
import { applyCells, planRow } from './plan';

const ID = 'fcus_01HACM7FZ1084XB1GB6053VM0D';
const current: Address = {
  line1: '123 Main St',
  line2: 'Suite 100',
  city: 'San Francisco',
  state: 'CA',
  postal_code: '94107',
  country: 'US',
};
const header = ['customer_id', 'line2', 'city', 'postal_code'];
const m = guessMapping(header);

describe('applyCells', () => {
  it('keeps Flex’s value for a blank cell by default, clears it when asked', () => {
    expect(applyCells(current, [ID, '', 'Oakland', '94612'], m, KEEP_BLANKS)).toEqual({
      ...current,
      city: 'Oakland',
      postal_code: '94612',
    });
    expect(applyCells(current, [ID, '', 'Oakland', '94612'], m, { ...KEEP_BLANKS, line2: 'clear' })).toEqual({
      ...current,
      line2: '',
      city: 'Oakland',
      postal_code: '94612',
    });
  });
});

describe('planRow', () => {
  const plan = (row: string[], lookup: Parameters<typeof planRow>[4], permitted = true) =>
    planRow(2, row, m, KEEP_BLANKS, lookup, permitted);

  it('sorts rows into change, no change, invalid, not found and not permitted', async () => {
    expect(await plan([ID, '', 'Oakland', '94612'], { found: true, address: current })).toMatchObject({
      kind: 'change',
      before: current,
      after: { ...current, city: 'Oakland', postal_code: '94612' },
    });
    expect(await plan([ID, '', 'San Francisco', ''], { found: true, address: current })).toMatchObject({
      kind: 'same',
    });
    expect(await plan([ID, '', 'Oakland', '1234'], { found: true, address: current })).toMatchObject({
      kind: 'invalid',
      errors: { postal_code: expect.stringMatching(/postal code/) },
    });
    expect(await plan(['fcus_nope', '', 'X', ''], { found: false })).toMatchObject({
      kind: 'invalid',
      errors: { customer_id: expect.any(String) },
    });
    expect(await plan([ID, '', 'X', ''], { found: false })).toMatchObject({ kind: 'not_found' });
    expect(await plan([ID, '', 'Oakland', '94612'], { found: true, address: current }, false)).toMatchObject({
      kind: 'forbidden',
    });
  });

  it('checks the whole address, legacy parts included, and marks each failing part', async () => {
    const legacy: Address = { ...current, state: '', country: 'us' };
    const r = await plan([ID, '', 'Oakland', '94612'], { found: true, address: legacy });
    expect(r.kind).toBe('invalid');
    expect(Object.keys(r.errors)).toEqual(['state']);
  });
});
