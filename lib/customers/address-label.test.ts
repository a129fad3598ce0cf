import { describe, expect, it } from 'vitest';
import { labelLines, loadAddressFormatter } from './address-label';

const f = await loadAddressFormatter();

describe('labelLines', () => {
  it('writes a US address as USPS does: city, state code and ZIP on one line', () => {
    expect(
      labelLines(f, 'John Doe', {
        line1: '123 Main St',
        line2: 'Suite 100',
        city: 'San Francisco',
        state: 'CA',
        postal_code: '94107',
        country: 'US',
      }),
    ).toEqual([
      'John Doe',
      '123 Main St',
      'Suite 100',
      'San Francisco, CA 94107',
      'United States of America',
    ]);
  });

  it('puts the postcode before the city in Germany', () => {
    const lines = labelLines(f, 'Anna Schmidt', {
      line1: 'Invalidenstraße 1',
      line2: '',
      city: 'Berlin',
      state: '',
      postal_code: '10115',
      country: 'DE',
    });
    expect(lines).toContain('10115 Berlin');
    expect(lines[0]).toBe('Anna Schmidt');
  });

  it('copes with legacy values: lower-case country, no state, nothing at all', () => {
    const lines = labelLines(f, '', {
      line1: '1 Whitehall',
      line2: '',
      city: 'London',
      state: '',
      postal_code: 'sw1a1aa',
      country: 'gb',
    });
    expect(lines[0]).toBe('1 Whitehall');
    expect(lines.join('\n')).toMatch(/London/);
    expect(
      labelLines(f, 'X', { line1: '', line2: '', city: '', state: '', postal_code: '', country: '' }),
    ).toEqual([]);
  });
});
